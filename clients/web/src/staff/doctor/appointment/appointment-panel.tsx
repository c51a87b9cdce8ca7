import { useEffect, useRef } from 'react';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { StatusBadge } from '../../../patient/appointments/status-badge';
import { useLocations } from '../availability/location-select';
import type { ScheduleSlot } from '../schedule/day-slots';
import { PatientChart } from './patient-chart';
import { VisitActions } from './visit-actions';

type Appointment = NonNullable<ScheduleSlot['appointment']>;

/** One appointment beside the schedule: when and what, closing the visit, and the patient's chart. Focus moves to it on opening. */
export function AppointmentPanel({
  slot,
  appointment,
  onClose,
  onChanged,
}: {
  slot: ScheduleSlot;
  appointment: Appointment;
  onClose: () => void;
  onChanged: () => void;
}) {
  // The slot's location's clock; dateTime names its zone.
  const clock = useClock().in(slot.timeZone);
  // Where is said once the clinic has more than one location.
  const severalLocations = useLocations().length > 1;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [appointment.id]);
  return (
    <aside className="card appointment-panel" aria-labelledby="appointment-title" data-testid="appointment-panel">
      <h2 id="appointment-title" ref={heading} tabIndex={-1}>
        {appointment.patient.name}
      </h2>
      <button type="button" className="button button-secondary panel-close" onClick={onClose}>
        {t.doctor.closePanel}
      </button>
      <dl className="summary">
        <div>
          <dt>{t.doctor.when}</dt>
          <dd>
            {clock.dateTime(slot.startsAt)} – {clock.time(slot.endsAt)}
          </dd>
        </div>
        {severalLocations ? (
          <div>
            <dt>{t.appointments.where}</dt>
            <dd>{slot.location.name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.doctor.service}</dt>
          <dd>{appointment.service.name}</dd>
        </div>
        <div>
          <dt>{t.doctor.status}</dt>
          <dd>
            <StatusBadge status={appointment.status} />
          </dd>
        </div>
      </dl>
      <VisitActions
        key={appointment.id}
        appointmentId={appointment.id}
        status={appointment.status}
        startsAt={slot.startsAt}
        onChanged={onChanged}
      />
      <PatientChart key={appointment.patient.id} patientId={appointment.patient.id} appointmentId={appointment.id} />
    </aside>
  );
}
