import { buildFederatedSchema } from '@carebook/platform';
import { references } from './references/federated.reference';
import { AppointmentNotificationsResolver } from './resolvers/appointment-notifications.resolver';
import { NotificationResolver } from './resolvers/notification.resolver';

/** The notification subgraph's schema: Appointment.notifications and the admins' notification log. */
export function buildNotificationSchema() {
  return buildFederatedSchema({ resolvers: [NotificationResolver, AppointmentNotificationsResolver], references });
}
