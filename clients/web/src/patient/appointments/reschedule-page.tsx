import { useParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { Loading, Page } from '../../ui/page';
import { BookingFlow } from '../booking/booking-flow';
import { isUpcoming, useMyAppointments } from './use-my-appointments';

/** Moving an appointment: the booking flow, starting from its service, ending in MoveAppointment. */
export function ReschedulePage() {
  const { id } = useParams();
  const clock = useClock();
  const { data, loading, error } = useMyAppointments();
  const appointment = data?.myAppointments.find((a) => a.id === id);
  if (error) return <Page title={t.booking.rescheduleTitle}>{<Alert kind="error">{messageFor(error)}</Alert>}</Page>;
  if (loading && !data) return <Loading />;
  if (!appointment || !isUpcoming(appointment))
    return (
      <Page title={t.booking.rescheduleTitle}>
        <Alert kind="error">{t.appointments.notFound}</Alert>
      </Page>
    );
  return (
    <Page title={t.booking.rescheduleTitle} wide>
      <p className="lead">
        {appointment.service.name}, {t.appointments.with(appointment.doctor.name)}:{' '}
        {clock.longDate(clock.dateOf(appointment.startsAt))}, {clock.time(appointment.startsAt)} (
        {clock.zoneLabel(appointment.startsAt)})
      </p>
      <BookingFlow mode={{ kind: 'reschedule', appointmentId: appointment.id, serviceId: appointment.service.id }} />
    </Page>
  );
}
