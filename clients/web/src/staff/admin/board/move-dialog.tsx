import { type FormEvent, useState } from 'react';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { AwayZone } from '../../../ui/away-zone';
import { AdminDialog, DialogActions } from './admin-dialog';
import type { BoardAppointment, BoardDoctor } from './board-types';
import { isBookable } from './clinic-day';
import { useDaySchedule } from './use-day-schedule';

interface Props {
  appointment: BoardAppointment;
  doctors: BoardDoctor[];
  date: string;
  onMove(slot: { id: string; startsAt: string }): void;
  onClose(): void;
}

/** The keyboard way to move: choose a doctor, a day and one of their free times. */
export function MoveDialog({ appointment, doctors, date, onMove, onClose }: Props) {
  const clock = useClock();
  const [doctorId, setDoctorId] = useState(appointment.doctorId);
  const [day, setDay] = useState(date);
  const { slots, loading } = useDaySchedule(doctorId, day);
  const free = slots.filter((slot) => isBookable(slot));
  const [slotId, setSlotId] = useState('');
  const chosen = free.find((slot) => slot.id === slotId) ?? free[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen) onMove(chosen);
  }

  // An <option> holds text only: the place and zone written out where they are not the clinic's.
  const timeOption = (slot: (typeof free)[number]) => {
    const time = clock.in(slot.timeZone).time(slot.startsAt);
    return slot.timeZone === clock.zone
      ? time
      : `${time} ${t.doctor.slotPlace(slot.location.name, clock.in(slot.timeZone).zoneLabel(slot.startsAt))}`;
  };

  // The doctor may be filtered out of the board: keep them choosable here.
  const choices = doctors.some((d) => d.id === appointment.doctorId)
    ? doctors
    : [{ id: appointment.doctorId, name: appointment.doctorName }, ...doctors];
  return (
    <AdminDialog title={t.admin.moveDialog.title(appointment.patientName)} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="meta">
          {t.admin.moveDialog.now(clock.in(appointment.timeZone).dateTime(appointment.startsAt))}
          <AwayZone timeZone={appointment.timeZone} at={appointment.startsAt} /> · {appointment.doctorName}
        </p>
        <div className="field">
          <label htmlFor="move-doctor">{t.admin.moveDialog.doctor}</label>
          <select id="move-doctor" value={doctorId} onChange={(e) => setDoctorId(e.target.value)}>
            {choices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="move-day">{t.admin.moveDialog.day}</label>
          <input id="move-day" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="move-time">{t.admin.moveDialog.time}</label>
          {loading ? (
            <p className="loading">{t.loading}</p>
          ) : free.length ? (
            <select
              id="move-time"
              data-doctor-id={doctorId}
              value={chosen?.id}
              onChange={(e) => setSlotId(e.target.value)}
            >
              {free.map((slot) => (
                <option key={slot.id} value={slot.id}>
                  {timeOption(slot)}
                </option>
              ))}
            </select>
          ) : (
            <p className="meta" id="move-time">
              {t.admin.moveDialog.noFreeTimes}
            </p>
          )}
          <p className="hint">{t.admin.zoneNoteAway(clock.zoneLabel(`${day}T12:00:00Z`))}</p>
        </div>
        <DialogActions submit={t.admin.moveDialog.submit} disabled={!chosen} onCancel={onClose} />
      </form>
    </AdminDialog>
  );
}
