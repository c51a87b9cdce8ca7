import { useMutation } from '@apollo/client/react';
import { BookAppointmentDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { AdminDialog, DialogActions } from './admin-dialog';
import type { BoardDoctor, ScheduleSlot } from './board-types';
import { type PickedPatient, PatientPicker } from './patient-picker';
import { refusalReason } from './refusal-reason';

interface Props {
  slot: ScheduleSlot;
  doctor: BoardDoctor;
  /** The board's service filter, if any: the likely service. */
  serviceId?: string;
  /** The booked start and its location's zone (the time is read on that clock). */
  onBooked(patient: PickedPatient, startsAt: string, timeZone: string): void;
  onClose(): void;
}

/** Books a free slot for a patient found by name or email. */
export function BookDialog({ slot, doctor, serviceId, onBooked, onClose }: Props) {
  const clock = useClock();
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [service, setService] = useState(
    doctor.services.some((s) => s.id === serviceId) ? serviceId! : (doctor.services[0]?.id ?? ''),
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One key per dialog: a retried click books once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [book, { loading }] = useMutation(BookAppointmentDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!patient) return setError(t.admin.bookDialog.choosePatient);
    try {
      const { data } = await book({
        variables: {
          input: {
            slotId: slot.id,
            serviceId: service,
            patientId: patient.id,
            reason: reason.trim() || undefined,
            idempotencyKey,
          },
        },
        refetchQueries: ['DoctorSchedule'],
        awaitRefetchQueries: true,
      });
      const result = data?.bookAppointment;
      if (result?.__typename === 'BookingConfirmed')
        onBooked(patient, result.appointment.startsAt, result.appointment.timeZone);
      else if (result?.__typename === 'SlotUnavailable')
        setError(t.admin.board.bookRefused(refusalReason(result.reason)));
    } catch (caught) {
      setError(messageFor(caught));
    }
  }

  const zoned = clock.in(slot.timeZone);
  const time = zoned.time(slot.startsAt);
  return (
    <AdminDialog title={t.admin.bookDialog.title(time, doctor.name)} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="meta">
          {zoned.dateTime(slot.startsAt)}{' '}
          <span className="zone">
            {slot.timeZone === clock.zone
              ? t.zoneOnly(zoned.zoneLabel(slot.startsAt))
              : t.doctor.slotPlace(slot.location.name, zoned.zoneLabel(slot.startsAt))}
          </span>
        </p>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <PatientPicker picked={patient} onPick={setPatient} />
        <div className="field">
          <label htmlFor="book-service">{t.admin.bookDialog.service}</label>
          <select id="book-service" value={service} onChange={(e) => setService(e.target.value)}>
            {doctor.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="book-reason">{t.admin.bookDialog.reason}</label>
          <input id="book-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <DialogActions submit={t.admin.bookDialog.submit} disabled={loading} onCancel={onClose} />
      </form>
    </AdminDialog>
  );
}
