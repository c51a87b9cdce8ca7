import { useQuery } from '@apollo/client/react';
import { DoctorsDocument, MedicalServicesDocument } from '@carebook/sdk';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { addDays } from '../../../i18n/clock';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Page } from '../../../ui/page';
import { NoticeArea } from '../admin-notice';
import { BookDialog } from './book-dialog';
import type { BoardAppointment, BoardDoctor, ScheduleSlot } from './board-types';
import { DoctorColumn } from './doctor-column';
import { MoveDialog } from './move-dialog';
import { useBoardMove } from './use-board-move';

/** The admin's day: a column per doctor, filtered by service or specialty; book, drag or "Move…" appointments. */
export function DayBoardPage() {
  const clock = useClock();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') || clock.today();
  const serviceId = params.get('service') || undefined;
  const specialty = params.get('specialty') || undefined;
  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const services = useQuery(MedicalServicesDocument, { variables: {} });
  const everyDoctor = useQuery(DoctorsDocument, { variables: {} });
  const doctors = useQuery(DoctorsDocument, { variables: { serviceId, specialty } });
  const specialties = [...new Set((everyDoctor.data?.doctors ?? []).map((d) => d.specialty))].sort();
  const columns: BoardDoctor[] = doctors.data?.doctors ?? [];

  const { pending, notice, clear, move, say } = useBoardMove();
  // A ref, not state: set in dragstart and read in drop, with no render in between needed.
  const dragging = useRef<BoardAppointment | null>(null);
  const [moving, setMoving] = useState<BoardAppointment | null>(null);
  const [booking, setBooking] = useState<{ slot: ScheduleSlot; doctor: BoardDoctor } | null>(null);

  return (
    <Page title={t.admin.board.title} wide>
      <p className="meta">{t.admin.zoneNoteAway(clock.zoneLabel(`${date}T12:00:00Z`))}</p>
      <form className="board-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="board-day">{t.admin.board.day}</label>
          <div className="field-inline">
            <button
              type="button"
              className="icon-button"
              aria-label={t.admin.board.previousDay}
              onClick={() => setParam('date', addDays(date, -1))}
            >
              ‹
            </button>
            <input
              id="board-day"
              type="date"
              value={date}
              onChange={(e) => e.target.value && setParam('date', e.target.value)}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={t.admin.board.nextDay}
              onClick={() => setParam('date', addDays(date, 1))}
            >
              ›
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="board-service">{t.admin.board.service}</label>
          <select
            id="board-service"
            value={serviceId ?? ''}
            onChange={(e) => setParam('service', e.target.value || undefined)}
          >
            <option value="">{t.admin.board.allServices}</option>
            {(services.data?.medicalServices ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-specialty">{t.admin.board.specialty}</label>
          <select
            id="board-specialty"
            value={specialty ?? ''}
            onChange={(e) => setParam('specialty', e.target.value || undefined)}
          >
            <option value="">{t.admin.board.allSpecialties}</option>
            {specialties.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="hint">{t.admin.board.dragHint}</p>
      <NoticeArea notice={notice} />
      {doctors.error ? <Alert kind="error">{messageFor(doctors.error)}</Alert> : null}
      {doctors.data && !columns.length ? <p>{t.admin.board.noDoctors}</p> : null}
      <div className="board" aria-busy={Boolean(pending)}>
        {columns.map((doctor) => (
          <DoctorColumn
            key={doctor.id}
            doctor={doctor}
            date={date}
            pending={pending}
            onDragStart={(appointment) => (dragging.current = appointment)}
            onDragEnd={() => (dragging.current = null)}
            onDrop={(slot) => {
              const appointment = dragging.current;
              dragging.current = null;
              if (appointment) void move(appointment, slot);
            }}
            onMove={setMoving}
            onBook={(slot, d) => {
              clear();
              setBooking({ slot, doctor: d });
            }}
          />
        ))}
      </div>
      {moving ? (
        <MoveDialog
          appointment={moving}
          doctors={columns}
          date={date}
          onClose={() => setMoving(null)}
          onMove={(slot) => {
            setMoving(null);
            void move(moving, slot);
          }}
        />
      ) : null}
      {booking ? (
        <BookDialog
          slot={booking.slot}
          doctor={booking.doctor}
          serviceId={serviceId}
          onClose={() => setBooking(null)}
          onBooked={(patient, startsAt, timeZone) => {
            setBooking(null);
            say('success', t.admin.board.booked(patient.name, clock.in(timeZone).dateTime(startsAt)));
          }}
        />
      ) : null}
    </Page>
  );
}
