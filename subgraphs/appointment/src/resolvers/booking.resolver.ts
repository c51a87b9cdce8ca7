import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { actsForEveryPatient, bookingPatientId } from '../domain/access';
import { bookAppointment } from '../use-cases/booking';
import type { AppointmentDeps } from '../deps';
import { rescheduleAppointment } from '../use-cases/rescheduling';
import { actorOf } from './actor';
import { BookAppointmentInput } from './inputs/book-appointment.input';
import { BookingResult, toBookingResult } from './types/booking-result.type';

@Resolver()
export class BookingResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @Authorized(Role.PATIENT, Role.ADMIN, Role.STAFF)
  @Mutation(() => BookingResult, {
    description: 'Books a free slot; SlotUnavailable with alternatives when it is taken.',
  })
  async bookAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => BookAppointmentInput) input: BookAppointmentInput,
  ) {
    const actor = actorOf(ctx);
    const patientId = bookingPatientId(actor, input.patientId);
    const outcome = await bookAppointment(ctx.em, this.deps, {
      slotId: input.slotId,
      serviceId: input.serviceId,
      reason: input.reason,
      patientId,
      by: actor,
      // The clinic's own people (admins, the front desk) book on the patient's behalf past the patient's limits and rules.
      limitExempt: actsForEveryPatient(actor),
      boundByPolicy: actor.role === Role.PATIENT,
      idempotencyKey: input.idempotencyKey,
    });
    return toBookingResult(outcome);
  }

  @Authorized()
  @Mutation(() => BookingResult, {
    description: 'Moves an appointment to another slot (and optionally service); the patient, the doctor or an admin.',
  })
  async rescheduleAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('newSlotId', () => ID) newSlotId: string,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
  ) {
    const actor = actorOf(ctx);
    const outcome = await rescheduleAppointment(ctx.em, this.deps, actor, { id, newSlotId, serviceId });
    return toBookingResult(outcome);
  }
}
