import { useMutation } from '@apollo/client/react';
import { CancelAppointmentDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { appointmentPlace } from './appointment-place';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Loading, Page } from '../../ui/page';
import { formatMoney } from '../catalogue/format-money';
import { StatusBadge } from './status-badge';
import { isUpcoming, useMyAppointments } from './use-my-appointments';

/** One appointment (emails link here): its details, and moving, cancelling, paying or reviewing it. */
export function AppointmentPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const clock = useClock();
  const announce = useAnnounce();
  const { data, loading, error } = useMyAppointments();
  const [cancel, cancelling] = useMutation(CancelAppointmentDocument);
  const [cancelOpen, setCancelOpen] = useState(location.hash === '#cancel');
  const [reason, setReason] = useState('');
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelledNow, setCancelledNow] = useState(false);
  const appointment = data?.myAppointments.find((a) => a.id === id);

  async function submitCancel(event: FormEvent) {
    event.preventDefault();
    setCancelError(null);
    try {
      await cancel({ variables: { id: id!, reason: reason.trim() || undefined } });
      setCancelledNow(true);
      setCancelOpen(false);
      announce(t.appointments.cancelled);
    } catch (caught) {
      setCancelError(messageFor(caught));
    }
  }

  if (error) return <Page title={t.appointments.detailTitle}>{<Alert kind="error">{messageFor(error)}</Alert>}</Page>;
  if (loading && !data) return <Loading />;
  if (!appointment)
    return (
      <Page title={t.appointments.detailTitle}>
        <Alert kind="error">{t.appointments.notFound}</Alert>
      </Page>
    );

  const a = appointment;
  const zoned = clock.in(a.timeZone);
  const place = appointmentPlace(a);
  return (
    <Page title={`${a.service.name}, ${zoned.longDate(zoned.dateOf(a.startsAt))}`}>
      {search.get('booked') ? (
        <Alert kind="success">
          <strong>{t.booking.bookedTitle}.</strong> {t.booking.confirmationSent}{' '}
          <Link to="/appointments">{t.booking.seeAppointments}</Link>
        </Alert>
      ) : null}
      {search.get('moved') ? <Alert kind="success">{t.booking.moved}</Alert> : null}
      {cancelledNow ? <Alert kind="success">{t.appointments.cancelled}</Alert> : null}
      <div className="card">
        <dl className="summary">
          <div>
            <dt>{t.appointments.when}</dt>
            <dd>
              <time dateTime={a.startsAt}>
                {zoned.longDate(zoned.dateOf(a.startsAt))}, {zoned.time(a.startsAt)}–{zoned.time(a.endsAt)}
              </time>{' '}
              <span className="zone">({zoned.zoneLabel(a.startsAt)})</span>
            </dd>
          </div>
          <div>
            <dt>{t.appointments.doctor}</dt>
            <dd>
              {a.doctor.name} · {a.doctor.specialty}
            </dd>
          </div>
          {place ? (
            <div>
              <dt>{t.appointments.where}</dt>
              <dd>{place}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t.appointments.service}</dt>
            <dd>{a.service.name}</dd>
          </div>
          <div>
            <dt>{t.appointments.price}</dt>
            <dd>{formatMoney(a.service.price, a.service.currency)}</dd>
          </div>
          <div>
            <dt>{t.appointments.status}</dt>
            <dd>
              <StatusBadge status={a.status} />
            </dd>
          </div>
          {a.reason ? (
            <div>
              <dt>{t.appointments.reason}</dt>
              <dd>{a.reason}</dd>
            </div>
          ) : null}
        </dl>
        <div className="actions">
          {isUpcoming(a) ? (
            <>
              <Link className="button button-primary" to={`/appointments/${a.id}/reschedule`}>
                {t.appointments.reschedule}
              </Link>
              {!cancelOpen ? (
                <button type="button" className="button button-danger-outline" onClick={() => setCancelOpen(true)}>
                  {t.appointments.cancel}
                </button>
              ) : null}
            </>
          ) : null}
          {a.status === 'COMPLETED' && !a.feedback ? (
            <Link className="button button-primary" to={`/appointments/${a.id}/feedback`}>
              {t.appointments.leaveFeedback}
            </Link>
          ) : null}
          {a.invoice ? (
            <Link className="button button-secondary" to={`/invoices/${a.invoice.id}`}>
              {t.appointments.invoice}: <StatusBadge kind="invoice" status={a.invoice.status} />
            </Link>
          ) : null}
        </div>
      </div>
      {cancelOpen && isUpcoming(a) ? (
        <form className="card form" id="cancel" aria-labelledby="cancel-title" onSubmit={submitCancel}>
          <h2 id="cancel-title">{t.appointments.cancelTitle}</h2>
          {cancelError ? <Alert kind="error">{cancelError}</Alert> : null}
          <div className="field">
            <label htmlFor="cancel-reason">{t.appointments.cancelReasonLabel}</label>
            <textarea
              id="cancel-reason"
              rows={3}
              maxLength={500}
              required
              aria-describedby="cancel-hint"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <p className="hint" id="cancel-hint">
              {t.appointments.cancelReasonHint}
            </p>
          </div>
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={cancelling.loading}>
              {t.appointments.confirmCancel}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setCancelOpen(false)}>
              {t.appointments.keep}
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
