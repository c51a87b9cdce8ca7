import { Link } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { appointmentPlace } from './appointment-place';
import { Alert } from '../../ui/alert';
import { Loading, Page } from '../../ui/page';
import { StatusBadge } from './status-badge';
import { isUpcoming, type MyAppointment, useMyAppointments } from './use-my-appointments';

export function AppointmentsPage() {
  const { data, loading, error } = useMyAppointments();
  const all = data?.myAppointments ?? [];
  const upcoming = all.filter(isUpcoming).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((a) => !isUpcoming(a)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <Page title={t.appointments.title}>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t.appointments.upcoming}</h2>
        {data && upcoming.length === 0 ? (
          <p>
            {t.appointments.noneUpcoming} <Link to="/">{t.appointments.bookOne}</Link>
          </p>
        ) : null}
        <ul className="appointment-list">
          {upcoming.map((a) => (
            <AppointmentItem key={a.id} appointment={a} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t.appointments.past}</h2>
        {data && past.length === 0 ? <p>{t.appointments.nonePast}</p> : null}
        <ul className="appointment-list">
          {past.map((a) => (
            <AppointmentItem key={a.id} appointment={a} />
          ))}
        </ul>
      </section>
    </Page>
  );
}

function AppointmentItem({ appointment: a }: { appointment: MyAppointment }) {
  // Its location's clock: the time as it will be there, the zone named.
  const clock = useClock().in(a.timeZone);
  const place = appointmentPlace(a);
  return (
    <li className="card appointment">
      <div className="appointment-when">
        <time dateTime={a.startsAt}>
          <span className="appointment-date">{clock.longDate(clock.dateOf(a.startsAt))}</span>
          <span className="appointment-time">
            {clock.time(a.startsAt)} <span className="zone">{clock.zoneLabel(a.startsAt)}</span>
          </span>
        </time>
      </div>
      <div className="appointment-what">
        <h3>
          <Link to={`/appointments/${a.id}`}>{a.service.name}</Link>
        </h3>
        <p className="meta">
          {t.appointments.with(a.doctor.name)}
          {place ? ` · ${place}` : ''}
        </p>
        <StatusBadge status={a.status} />
        {a.feedback ? <p className="meta">{t.appointments.feedbackGiven(a.feedback.rating)}</p> : null}
      </div>
      <div className="actions">
        {isUpcoming(a) ? (
          <>
            <Link className="button button-secondary" to={`/appointments/${a.id}/reschedule`}>
              {t.appointments.reschedule}
            </Link>
            <Link className="button button-secondary" to={`/appointments/${a.id}#cancel`}>
              {t.appointments.cancel}
            </Link>
          </>
        ) : null}
        {a.status === 'COMPLETED' && !a.feedback ? (
          <Link className="button button-secondary" to={`/appointments/${a.id}/feedback`}>
            {t.appointments.leaveFeedback}
          </Link>
        ) : null}
        {a.invoice ? (
          <Link className="button button-secondary" to={`/invoices/${a.invoice.id}`}>
            {t.appointments.invoice}
          </Link>
        ) : null}
      </div>
    </li>
  );
}
