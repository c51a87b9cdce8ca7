import { BadUserInput, RequestContext, Role } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AppointmentRef } from '../entities/federated-refs';
import { NotificationLog } from '../entities/notification-log.entity';

const MAX_FIRST = 500;

@Resolver(() => NotificationLog)
export class NotificationResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [NotificationLog], {
    description:
      'Admins: the notification log, newest first, by appointment and/or recipient (a patient or doctor id).',
  })
  notifications(
    @Ctx() ctx: RequestContext,
    @Arg('appointmentId', () => ID, { nullable: true }) appointmentId?: string,
    @Arg('recipient', () => ID, { nullable: true, description: 'The user id of the patient or doctor.' })
    recipient?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<NotificationLog[]> {
    if (first < 1 || first > MAX_FIRST) throw new BadUserInput(`first must be between 1 and ${MAX_FIRST}.`);
    const where = {
      ...(appointmentId ? { appointmentId } : {}),
      ...(recipient ? { recipientId: recipient } : {}),
    } as FilterQuery<NotificationLog>;
    return ctx.em.find(NotificationLog, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: first });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'For reminders: how long before the appointment, as configured (e.g. "24h").',
  })
  offset(@Root() log: NotificationLog): string | null {
    return log.offset || null;
  }

  @FieldResolver(() => AppointmentRef)
  appointment(@Root() log: NotificationLog): AppointmentRef {
    return { id: log.appointmentId };
  }
}
