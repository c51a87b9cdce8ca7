import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { ClashItems } from '../doctor/availability/clash-list';
import type { Clash } from '../doctor/availability/clashes';

/** A time off or closure saved: what was said, the appointments it cancelled, and those still booked because cancelling failed. */
export function BookedOutcome({
  message,
  cancelled,
  conflicts,
  conflictsTitle,
}: {
  message: string;
  cancelled: Clash[];
  conflicts: Clash[];
  conflictsTitle: string;
}) {
  return (
    <Alert kind="success">
      {message}
      {cancelled.length ? (
        <>
          <br />
          {t.booked.cancelledTitle}
          <ClashItems clashes={cancelled} />
        </>
      ) : null}
      {conflicts.length ? (
        <>
          <br />
          {conflictsTitle}
          <ClashItems clashes={conflicts} />
        </>
      ) : null}
    </Alert>
  );
}
