import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import type { Clash } from './clashes';

/** The booked appointments a change would clash with, each with its time (its location's zone, named) and patient. */
export function ClashList({
  title,
  intro,
  clashes,
  testId,
}: {
  title: string;
  intro: string;
  clashes: Clash[];
  testId: string;
}) {
  return (
    <div className="alert alert-info" role="status" data-testid={testId}>
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p>
          <strong>{title}</strong> {intro}
        </p>
        <ClashItems clashes={clashes} />
      </div>
    </div>
  );
}

/** The appointments themselves: when (on its location's clock, the zone named) and who. */
export function ClashItems({ clashes }: { clashes: Clash[] }) {
  const clock = useClock();
  return (
    <ul className="clash-list">
      {clashes.map((clash) => {
        const zoned = clock.in(clash.timeZone);
        // dateTime ends with the zone's short name; another zone than the clinic's is named in full too.
        const when =
          zoned === clock
            ? zoned.dateTime(clash.startsAt)
            : `${zoned.dateTime(clash.startsAt)} ${t.zoneOnly(zoned.zone)}`;
        return <li key={clash.id}>{t.doctor.clashItem(when, clash.patientName)}</li>;
      })}
    </ul>
  );
}
