import type { ScheduleSlot } from '../schedule/day-slots';
import { t } from '../../../i18n';

type Appointment = NonNullable<ScheduleSlot['appointment']>;

/** One appointment beside the schedule: its patient's chart, completing the visit, a no-show. */
export function AppointmentPanel({ appointment, onClose }: { slot: ScheduleSlot; appointment: Appointment; onClose: () => void; onChanged: () => void }) {
  return (
    <aside className="card appointment-panel" aria-labelledby="appointment-title">
      <h2 id="appointment-title">{appointment.patient.name}</h2>
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t.doctor.closePanel}
      </button>
    </aside>
  );
}
