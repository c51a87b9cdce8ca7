import { t } from '../i18n';
import { useClock } from '../i18n/clock-context';

/**
 * Beside a time read on its location's clock: the place and the zone, when
 * that zone is not the clinic's (a page's note names the clinic's zone
 * already, so times there look as they always did). The doctor's schedule,
 * the day board and the clash lists say it alike.
 */
export function AwayZone({
  timeZone,
  at,
  locationName,
}: {
  timeZone: string | null | undefined;
  at: string;
  locationName?: string | null;
}) {
  const clock = useClock();
  if (!timeZone || timeZone === clock.zone) return null;
  const zone = clock.in(timeZone).zoneLabel(at);
  return <span className="zone"> {locationName ? t.doctor.slotPlace(locationName, zone) : t.zoneOnly(zone)}</span>;
}
