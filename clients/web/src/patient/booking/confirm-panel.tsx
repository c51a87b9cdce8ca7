import { useApolloClient, useMutation } from '@apollo/client/react';
import { BookAppointmentDocument, MoveAppointmentDocument } from '@carebook/sdk';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { messageFor } from '../../api/error-message';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { formatMoney } from '../catalogue/format-money';
import { appointmentEnd } from './appointment-end';
import type { ChosenSlot } from './day-times';

export type BookingMode = { kind: 'book' } | { kind: 'reschedule'; appointmentId: string; serviceId: string };

type Alternative = { id: string; startsAt: string; timeZone: string; doctor: { id: string; name: string } };

/**
 * The chosen time, a reason, and the button that books (or moves) it. A
 * time taken meanwhile is a normal outcome: it says so, and offers the
 * alternatives the API proposes, each booked with one click.
 */
export function ConfirmPanel({
  mode,
  service,
  slot,
  gone,
  onTaken,
  onDone,
}: {
  mode: BookingMode;
  service: { id: string; name: string; durationMinutes: number; price: string; currency: string };
  slot: ChosenSlot;
  /** The time is no longer free (seen in a refreshed list): say so before anyone tries. */
  gone: boolean;
  onTaken(): void;
  onDone(): void;
}) {
  // The slot's location's clock: its times are written in its zone, the zone named.
  const clinicClock = useClock();
  const clock = clinicClock.in(slot.timeZone);
  const apollo = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const announce = useAnnounce();
  const { session } = useSession();
  const [book] = useMutation(BookAppointmentDocument);
  const [move] = useMutation(MoveAppointmentDocument);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<Alternative[] | null>(null);
  const alternativesHeading = useRef<HTMLHeadingElement>(null);
  const panel = useRef<HTMLElement>(null);
  // One key per time tried: a retry after a lost answer books once.
  const idempotencyKey = useRef(new Map<string, string>());

  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  useEffect(() => {
    if (alternatives) alternativesHeading.current?.focus();
  }, [alternatives]);

  async function confirm(slotId: string) {
    setBusy(true);
    setError(null);
    try {
      let outcome;
      if (mode.kind === 'book') {
        if (!idempotencyKey.current.has(slotId)) idempotencyKey.current.set(slotId, crypto.randomUUID());
        const { data } = await book({
          variables: {
            input: {
              slotId,
              serviceId: service.id,
              reason: reason.trim() || undefined,
              idempotencyKey: idempotencyKey.current.get(slotId),
            },
          },
        });
        outcome = data?.bookAppointment;
      } else {
        const { data } = await move({
          variables: {
            id: mode.appointmentId,
            newSlotId: slotId,
            serviceId: service.id !== mode.serviceId ? service.id : undefined,
          },
        });
        outcome = data?.rescheduleAppointment;
      }
      if (!outcome) return;
      if (outcome.__typename === 'BookingConfirmed') {
        announce(mode.kind === 'book' ? t.booking.booked : t.booking.moved);
        apollo.cache.evict({ id: 'ROOT_QUERY', fieldName: 'myAppointments' });
        onDone();
        void navigate(`/appointments/${outcome.appointment.id}?${mode.kind === 'book' ? 'booked' : 'moved'}=1`);
        return;
      }
      announce(t.booking.takenAnnouncement);
      setAlternatives(outcome.alternatives);
      onTaken();
    } catch (caught) {
      setError(messageFor(caught));
    } finally {
      setBusy(false);
    }
  }

  const here = location.pathname + location.search;
  const ends = appointmentEnd(slot, service.durationMinutes);
  return (
    <section className="card confirm" aria-labelledby="confirm-title" ref={panel}>
      <h2 id="confirm-title">{t.booking.summaryTitle}</h2>
      <dl className="summary">
        <div>
          <dt>{t.appointments.service}</dt>
          <dd>
            {service.name} · {formatMoney(service.price, service.currency)}
          </dd>
        </div>
        <div>
          <dt>{t.appointments.doctor}</dt>
          <dd>{slot.doctor.name}</dd>
        </div>
        <div>
          <dt>{t.appointments.where}</dt>
          <dd>
            {slot.location.name}
            {slot.location.address ? `, ${slot.location.address}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t.appointments.when}</dt>
          <dd>
            <time dateTime={slot.startsAt}>
              {clock.longDate(clock.dateOf(slot.startsAt))}, {clock.time(slot.startsAt)}
            </time>
            –<time dateTime={ends}>{clock.time(ends)}</time>{' '}
            <span className="zone">({clock.zoneLabel(slot.startsAt)})</span>
          </dd>
        </div>
      </dl>
      {alternatives ? (
        <div className="alternatives">
          <Alert kind="error">{t.booking.taken}</Alert>
          <h3 ref={alternativesHeading} tabIndex={-1}>
            {t.booking.alternativesTitle}
          </h3>
          {alternatives.length === 0 ? <p>{t.booking.noAlternatives}</p> : null}
          <ul className="alternative-list">
            {alternatives.map((alt) => {
              const altClock = clinicClock.in(alt.timeZone);
              const label = `${altClock.longDate(altClock.dateOf(alt.startsAt))}, ${altClock.time(alt.startsAt)} (${altClock.zoneLabel(alt.startsAt)})`;
              return (
                <li key={alt.id}>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy}
                    onClick={() => confirm(alt.id)}
                  >
                    {mode.kind === 'book'
                      ? t.booking.bookAlternative(label, alt.doctor.name)
                      : t.booking.moveAlternative(label, alt.doctor.name)}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : gone ? (
        <Alert kind="error">
          {t.booking.taken} {t.booking.chooseAnother}
        </Alert>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {!session ? (
        <div className="sign-in-needed">
          <p>{t.booking.signInNeeded}</p>
          <div className="actions">
            <Link className="button button-primary" to={`/sign-in?next=${encodeURIComponent(here)}`}>
              {t.booking.signInToBook}
            </Link>
            <Link className="button button-secondary" to={`/register?next=${encodeURIComponent(here)}`}>
              {t.booking.registerToBook}
            </Link>
          </div>
        </div>
      ) : alternatives || gone ? null : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void confirm(slot.id);
          }}
        >
          {mode.kind === 'book' ? (
            <div className="field">
              <label htmlFor="reason">{t.booking.reasonLabel}</label>
              <textarea
                id="reason"
                rows={3}
                maxLength={500}
                aria-describedby="reason-hint"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <p className="hint" id="reason-hint">
                {t.booking.reasonHint}
              </p>
            </div>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.booking.booking : mode.kind === 'book' ? t.booking.book : t.booking.move}
          </button>
        </form>
      )}
    </section>
  );
}
