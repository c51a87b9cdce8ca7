import { groupedLoader, requireUser, RequestContext, Role } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AppointmentRef } from '../entities/federated-refs';
import { NotificationLog } from '../entities/notification-log.entity';

@Resolver(() => AppointmentRef)
export class AppointmentNotificationsResolver {
  /**
   * One query per request whatever the number of appointments. The gateway
   * only asks for appointments the appointment service let the caller see;
   * on top of that a patient or doctor sees only what was sent to them.
   */
  @FieldResolver(() => [NotificationLog], {
    description: 'What was sent (or is queued) about this appointment: to you, or to anyone for admins.',
  })
  notifications(@Root() appointment: AppointmentRef, @Ctx() ctx: RequestContext): Promise<NotificationLog[]> {
    const user = requireUser(ctx);
    const own = user.role === Role.ADMIN ? {} : { recipientId: user.id };
    return groupedLoader(
      ctx,
      'appointment-notifications',
      (ids) =>
        ctx.em.find(NotificationLog, { appointmentId: { $in: [...ids] }, ...own } as FilterQuery<NotificationLog>, {
          orderBy: { scheduledFor: 'asc', id: 'asc' },
        }),
      (log) => log.appointmentId,
    ).load(appointment.id);
  }
}
