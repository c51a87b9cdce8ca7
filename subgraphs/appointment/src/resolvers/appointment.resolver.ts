import { DEFAULT_LOCATION_ID, Forbidden, groupedLoader, RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appointmentPage, myAppointments, upcomingAppointments } from '../use-cases/appointment-queries';
import { mayRead } from '../domain/access';
import { cancelAppointment } from '../use-cases/cancellation';
import { closeAppointment } from '../use-cases/completion';
import type { AppointmentDeps } from '../deps';
import { loadAppointment } from '../use-cases/load-appointment';
import { SEALED } from '../domain/sealed-columns';
import { AppointmentChange } from '../entities/appointment-change.entity';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { DoctorRef, LocationRef, MedicalServiceRef, PatientRef, SlotRef } from '../entities/federated-refs';
import { actorOf } from './actor';
import { AppointmentFilter } from './inputs/appointment-filter.input';
import { AppointmentConnection } from './types/appointment-connection.type';

@Resolver(() => Appointment)
export class AppointmentResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @Authorized()
  @Query(() => [Appointment], { description: "The caller's appointments (as patient, or as doctor), latest first." })
  myAppointments(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => [AppointmentStatus], { nullable: true }) status?: AppointmentStatus[] | null,
  ) {
    return myAppointments(ctx.em, actorOf(ctx), status);
  }

  // Nullable so that a refusal here (or in a field below) leaves the other root fields of the same query standing.
  @Authorized()
  @Query(() => Appointment, {
    nullable: true,
    description: 'One appointment: its patient, its doctor, the front desk or an admin.',
  })
  async appointment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Appointment | null> {
    const actor = actorOf(ctx);
    const appointment = await loadAppointment(ctx.em, id);
    if (!mayRead(actor, appointment))
      throw new Forbidden('Only the patient, the doctor of this appointment, the front desk or an admin may see it.');
    return appointment;
  }

  @Authorized(Role.ADMIN, Role.STAFF, Role.DOCTOR)
  @Query(() => AppointmentConnection, {
    description: 'Appointments matching the filter; admins and the front desk any, doctors their own.',
  })
  appointments(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AppointmentFilter) filter: AppointmentFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return appointmentPage(ctx.em, actorOf(ctx), filter, first, after);
  }

  @Authorized(Role.ADMIN, Role.STAFF, Role.DOCTOR)
  @Query(() => [Appointment], {
    description:
      "A doctor's pending and confirmed appointments that have not started, soonest first (up to 1000): what an admin moves or cancels when the doctor stops taking appointments. Admins, the front desk, and the doctor themself.",
  })
  upcomingAppointments(@Ctx() ctx: RequestContext, @Arg('doctorId', () => ID) doctorId: string) {
    return upcomingAppointments(ctx.em, actorOf(ctx), doctorId);
  }

  @Authorized()
  @Mutation(() => Appointment, { description: 'Cancels a pending or confirmed appointment and frees its slot.' })
  async cancelAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    return cancelAppointment(ctx.em, this.deps, actorOf(ctx), id, reason);
  }

  @Authorized(Role.DOCTOR, Role.ADMIN)
  @Mutation(() => Appointment, {
    description: 'Marks a started, confirmed appointment as completed; its doctor or an admin.',
  })
  async completeAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('notes', () => String, { nullable: true }) notes?: string | null,
  ) {
    return closeAppointment(ctx.em, this.deps, actorOf(ctx), id, AppointmentStatus.COMPLETED, notes);
  }

  @Authorized(Role.DOCTOR, Role.ADMIN)
  @Mutation(() => Appointment, {
    description: 'Records that the patient did not come; its doctor or an admin, once it has started.',
  })
  async markNoShow(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return closeAppointment(ctx.em, this.deps, actorOf(ctx), id, AppointmentStatus.NO_SHOW);
  }

  @FieldResolver(() => String, { nullable: true })
  reason(@Root() appointment: Appointment): string | null {
    return this.deps.sealer.open(SEALED.reason, appointment.id, appointment.reason);
  }

  @FieldResolver(() => String, { nullable: true })
  cancellationReason(@Root() appointment: Appointment): string | null {
    return this.deps.sealer.open(SEALED.cancellationReason, appointment.id, appointment.cancellationReason);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the patient cancelled or moved it inside the cancellation window (a late-cancellation fee may be invoiced).',
  })
  lateCancellation(@Root() appointment: Appointment): boolean {
    return appointment.lateCancelledAt !== null;
  }

  // Whoever may read the appointment (its patient, its doctor, the front desk, an admin) may see the patient's name:
  // provided here, a live change or a doctor's day needs no second round to the patient service.
  @Directive('@provides(fields: "name")')
  @FieldResolver(() => PatientRef)
  patient(@Root() appointment: Appointment, @Ctx() ctx: RequestContext): PatientRef {
    // As the patient service's care rule: a booking not yet confirmed entitles its doctor to nothing by itself.
    const pendingForDoctor = appointment.status === AppointmentStatus.PENDING && ctx.principal?.role === Role.DOCTOR;
    return { id: appointment.patientId, ...(pendingForDoctor ? { settleFirst: appointment.id } : {}) };
  }

  // The names below come from this service's directory lookups (provided-names.resolver.ts): no doctor-service fetch per answer.
  @Directive('@provides(fields: "name")')
  @FieldResolver(() => DoctorRef)
  doctor(@Root() appointment: Appointment): DoctorRef {
    return { id: appointment.doctorId };
  }

  @Directive('@provides(fields: "name address")')
  @FieldResolver(() => LocationRef, {
    description:
      'Where it takes place (as booked; the default location for appointments booked before locations existed).',
  })
  location(@Root() appointment: Appointment): LocationRef {
    return { id: appointment.locationId ?? DEFAULT_LOCATION_ID };
  }

  @FieldResolver(() => String, {
    description: "The IANA time zone of the appointment's location: show its times in it, naming it.",
  })
  timeZone(@Root() appointment: Appointment): string {
    return appointment.timeZone ?? this.deps.timeZone;
  }

  @Directive('@provides(fields: "name")')
  @FieldResolver(() => MedicalServiceRef)
  service(@Root() appointment: Appointment): MedicalServiceRef {
    return { id: appointment.serviceId };
  }

  @FieldResolver(() => SlotRef)
  slot(@Root() appointment: Appointment): SlotRef {
    return { id: appointment.slotId };
  }

  @FieldResolver(() => [AppointmentChange], { description: 'Every change, oldest first.' })
  history(@Root() appointment: Appointment, @Ctx() ctx: RequestContext) {
    return groupedLoader(
      ctx,
      'appointment-history',
      (ids) =>
        ctx.em.find(AppointmentChange, { appointmentId: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (change) => change.appointmentId,
    ).load(appointment.id);
  }
}
