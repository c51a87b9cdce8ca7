import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import type { Clash } from './clashes';

/** The booked appointments a change would clash with, each with its time (clinic zone, named) and patient. */
export function ClashList({ title, intro, clashes, testId }: { title: string; intro: string; clashes: Clash[]; testId: string }) {
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

/** The appointments themselves: when (clinic zone, named) and who. */
export function ClashItems({ clashes }: { clashes: Clash[] }) {
  const clock = useClock();
  return (
    <ul className="clash-list">
      {clashes.map((clash) => (
        <li key={clash.id}>{t.doctor.clashItem(clock.dateTime(clash.startsAt), clash.patientName)}</li>
      ))}
    </ul>
  );
}
