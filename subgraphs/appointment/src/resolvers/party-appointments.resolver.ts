import { Forbidden, groupedLoader, loaderFor, RequestContext, Role } from '@carebook/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { actsForEveryPatient, mayRead } from '../domain/access';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { DoctorRef, PatientRef, SlotRef } from '../entities/federated-refs';
import type { AppointmentDeps } from '../deps';
import { actorOf } from './actor';

const ORDER = { orderBy: { startsAt: 'desc', id: 'desc' } } as const;

@Resolver(() => PatientRef)
export class PatientAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    description:
      'The patient themself, the front desk and admins see all; a doctor only their own appointments with this patient.',
  })
  appointments(@Root() patient: PatientRef, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    const actor = actorOf(ctx);
    const asDoctor = actor.role === Role.DOCTOR;
    if (!actsForEveryPatient(actor) && !asDoctor && actor.id !== patient.id)
      throw new Forbidden('You can see only your own appointments.');
    return groupedLoader(
      ctx,
      `patient-appointments:${asDoctor ? actor.id : '*'}`,
      (ids) =>
        ctx.em.find(Appointment, { patientId: { $in: [...ids] }, ...(asDoctor ? { doctorId: actor.id } : {}) }, ORDER),
      (a) => a.patientId,
    ).load(patient.id);
  }
}

@Resolver(() => DoctorRef)
export class DoctorAppointmentsResolver {
  @FieldResolver(() => [Appointment], { description: 'The doctor themself, the front desk or an admin.' })
  appointments(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    const actor = actorOf(ctx);
    if (!actsForEveryPatient(actor) && !(actor.role === Role.DOCTOR && actor.id === doctor.id))
      throw new Forbidden("Only the doctor themself, the front desk or an admin can see a doctor's appointments.");
    return groupedLoader(
      ctx,
      'doctor-appointments',
      (ids) => ctx.em.find(Appointment, { doctorId: { $in: [...ids] } }, ORDER),
      (a) => a.doctorId,
    ).load(doctor.id);
  }
}

@Resolver(() => SlotRef)
export class SlotAppointmentResolver {
  constructor(private readonly deps?: AppointmentDeps) {}

  @FieldResolver(() => Appointment, {
    nullable: true,
    description:
      'The appointment holding the slot (its first slot, a later one of a longer service, or one its buffers hold), shown to admins, the front desk, the doctor of the slot and the patient of that appointment (null for anyone else).',
  })
  async appointment(@Root() slot: SlotRef, @Ctx() ctx: RequestContext): Promise<Appointment | null> {
    const actor = actorOf(ctx);
    const holder = await loaderFor<string, Appointment>(ctx, 'slot-appointment', async (slotIds) => {
      const rows = await ctx.em.find(
        Appointment,
        { slotId: { $in: [...slotIds] }, status: { $ne: AppointmentStatus.CANCELLED } },
        { orderBy: { createdAt: 'desc' } },
      );
      const bySlot = new Map<string, Appointment>();
      for (const row of rows) if (!bySlot.has(row.slotId)) bySlot.set(row.slotId, row);
      await this.addHoldersOfLaterSlots(
        ctx,
        slotIds.filter((id) => !bySlot.has(id)),
        bySlot,
      );
      return slotIds.map((id) => bySlot.get(id) ?? null);
    }).load(slot.id);
    return holder && mayRead(actor, holder) ? holder : null;
  }

  /** A slot that is not an appointment's first: scheduling knows whose it is (one call for the batch). */
  private async addHoldersOfLaterSlots(
    ctx: RequestContext,
    slotIds: readonly string[],
    bySlot: Map<string, Appointment>,
  ): Promise<void> {
    if (!slotIds.length || !this.deps) return;
    const held = (await this.deps.scheduling.slots({ ids: [...slotIds] })).slots.filter(
      (s) => s.appointmentId && (s.status === 'BOOKED' || s.status === 'HELD'),
    );
    if (!held.length) return;
    const rows = await ctx.em.find(Appointment, {
      id: { $in: [...new Set(held.map((s) => s.appointmentId!))] },
      status: { $ne: AppointmentStatus.CANCELLED },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const slot of held) if (byId.has(slot.appointmentId!)) bySlot.set(slot.id, byId.get(slot.appointmentId!)!);
  }
}
