import { type DragEvent, type ReactNode, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { AwayZone } from '../../../ui/away-zone';
import {
  APPOINTMENT_DRAG_TYPE,
  type BoardAppointment,
  type BoardDoctor,
  MOVABLE,
  type PendingMove,
  type ScheduleSlot,
} from './board-types';
import { isBookable } from './clinic-day';
import { useDaySchedule } from './use-day-schedule';

interface Props {
  doctor: BoardDoctor;
  date: string;
  pending: PendingMove | null;
  onDragStart(appointment: BoardAppointment): void;
  onDragEnd(): void;
  onDrop(slot: ScheduleSlot): void;
  onMove(appointment: BoardAppointment): void;
  onBook(slot: ScheduleSlot, doctor: BoardDoctor): void;
}

/** One doctor's day: a row per slot; free ones take a dropped appointment or a booking. */
export function DoctorColumn({ doctor, date, pending, onDragStart, onDragEnd, onDrop, onMove, onBook }: Props) {
  const clock = useClock();
  const { slots, loading, error } = useDaySchedule(doctor.id, date);
  const [over, setOver] = useState<string | null>(null);
  const headingId = `doctor-${doctor.id}`;

  const appointmentOf = (slot: ScheduleSlot): BoardAppointment | null =>
    slot.appointment
      ? {
          id: slot.appointment.id,
          status: slot.appointment.status,
          patientName: slot.appointment.patient.name,
          serviceName: slot.appointment.service.name,
          slotId: slot.id,
          startsAt: slot.startsAt,
          timeZone: slot.timeZone,
          doctorId: doctor.id,
          doctorName: doctor.name,
        }
      : null;

  function renderSlot(slot: ScheduleSlot) {
    // Each slot on its location's clock; the place and zone named where they are not the clinic's.
    const time = clock.in(slot.timeZone).time(slot.startsAt);
    const place = <AwayZone timeZone={slot.timeZone} at={slot.startsAt} locationName={slot.location.name} />;
    if (pending?.toSlotId === slot.id)
      return <AppointmentCard appointment={pending.appointment} time={time} place={place} busy />;
    const appointment = appointmentOf(slot);
    if (appointment && slot.status === 'BOOKED') {
      const leaving = pending?.appointment.id === appointment.id;
      const movable = MOVABLE.has(appointment.status) && !pending;
      return (
        <AppointmentCard
          appointment={appointment}
          time={time}
          place={place}
          busy={leaving}
          draggable={movable}
          onDragStart={() => onDragStart(appointment)}
          onDragEnd={onDragEnd}
          onMove={movable ? () => onMove(appointment) : undefined}
        />
      );
    }
    if (isBookable(slot)) {
      // Read from the drag itself, not from React state: the first dragover can come before a re-render.
      const accepts = (event: DragEvent) => {
        if (!event.dataTransfer.types.includes(APPOINTMENT_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(slot.id);
      };
      return (
        <div
          className={`board-slot board-slot-free${over === slot.id ? ' board-slot-over' : ''}`}
          data-slot-id={slot.id}
          data-time={time}
          onDragEnter={accepts}
          onDragOver={accepts}
          onDragLeave={() => setOver(null)}
          onDrop={(event) => {
            event.preventDefault();
            setOver(null);
            onDrop(slot);
          }}
        >
          <span className="board-time">
            {time}
            {place}
          </span>
          <span className="board-free">{t.admin.board.free}</span>
          <button
            type="button"
            className="board-action"
            aria-label={t.admin.board.bookLabel(time, doctor.name)}
            onClick={() => onBook(slot, doctor)}
          >
            {t.admin.board.book}
          </button>
        </div>
      );
    }
    return (
      <div className="board-slot board-slot-off" data-slot-id={slot.id}>
        <span className="board-time">
          {time}
          {place}
        </span>
        <span>{slot.status === 'BLOCKED' ? t.admin.board.blocked : t.admin.board.free}</span>
      </div>
    );
  }

  return (
    <section className="board-column" aria-labelledby={headingId} data-doctor-id={doctor.id}>
      <h2 id={headingId}>{doctor.name}</h2>
      <p className="meta">{doctor.specialty}</p>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading ? <p className="loading">{t.loading}</p> : null}
      {!loading && !slots.length ? <p className="meta">{t.admin.board.noSlots}</p> : null}
      <ol className="board-slots">
        {slots.map((slot) => (
          <li key={slot.id}>{renderSlot(slot)}</li>
        ))}
      </ol>
    </section>
  );
}

interface CardProps {
  appointment: BoardAppointment;
  time: string;
  /** The place and zone beside the time, where they are not the clinic's. */
  place: ReactNode;
  busy?: boolean;
  draggable?: boolean;
  onDragStart?(): void;
  onDragEnd?(): void;
  onMove?(): void;
}

/** A booked slot: who, for what; dragged or "Move…"d elsewhere while it may still change. */
function AppointmentCard({
  appointment,
  time,
  place,
  busy = false,
  draggable = false,
  onDragStart,
  onDragEnd,
  onMove,
}: CardProps) {
  return (
    <div
      className={`board-slot board-appointment${busy ? ' board-busy' : ''}`}
      data-appointment-id={appointment.id}
      data-time={time}
      draggable={draggable}
      aria-busy={busy}
      onDragStart={(event) => {
        event.dataTransfer.setData(APPOINTMENT_DRAG_TYPE, appointment.id);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart?.();
      }}
      onDragEnd={onDragEnd}
    >
      <span className="board-time">
        {time}
        {place}
      </span>
      <span className="board-patient">{appointment.patientName}</span>
      <span className="board-service">
        {busy
          ? t.admin.board.moving
          : `${appointment.serviceName} · ${t.status[appointment.status] ?? appointment.status}`}
      </span>
      {onMove ? (
        <button
          type="button"
          className="board-action"
          aria-label={t.admin.board.moveLabel(appointment.patientName, time)}
          onClick={onMove}
        >
          {t.admin.board.move}
        </button>
      ) : null}
    </div>
  );
}
