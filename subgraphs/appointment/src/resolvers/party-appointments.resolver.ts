import { Forbidden, groupedLoader, loaderFor, RequestContext, Role } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { actsForEveryPatient, mayRead } from '../domain/access';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { DoctorRef, PatientRef, SlotRef } from '../entities/federated-refs';
import { actorOf } from './actor';

const ORDER = { orderBy: { startsAt: 'desc', id: 'desc' } } as const;

@Resolver(() => PatientRef)
export class PatientAppointmentsResolver {
  @FieldResolver(() => [Appointment], { description: 'The patient themself, the front desk and admins see all; a doctor only their own appointments with this patient.' })
  appointments(@Root() patient: PatientRef, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    const actor = actorOf(ctx);
    const asDoctor = actor.role === Role.DOCTOR;
    if (!actsForEveryPatient(actor) && !asDoctor && actor.id !== patient.id) throw new Forbidden("You can see only your own appointments.");
    return groupedLoader(
      ctx,
      `patient-appointments:${asDoctor ? actor.id : '*'}`,
      (ids) => ctx.em.find(Appointment, { patientId: { $in: [...ids] }, ...(asDoctor ? { doctorId: actor.id } : {}) } as FilterQuery<Appointment>, ORDER),
      (a) => a.patientId,
    ).load(patient.id);
  }
}

@Resolver(() => DoctorRef)
export class DoctorAppointmentsResolver {
  @FieldResolver(() => [Appointment], { description: 'The doctor themself, the front desk or an admin.' })
  appointments(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    const actor = actorOf(ctx);
    if (!actsForEveryPatient(actor) && !(actor.role === Role.DOCTOR && actor.id === doctor.id)) throw new Forbidden("Only the doctor themself, the front desk or an admin can see a doctor's appointments.");
    return groupedLoader(ctx, 'doctor-appointments', (ids) => ctx.em.find(Appointment, { doctorId: { $in: [...ids] } }, ORDER), (a) => a.doctorId).load(doctor.id);
  }
}

@Resolver(() => SlotRef)
export class SlotAppointmentResolver {
  @FieldResolver(() => Appointment, { nullable: true, description: 'The appointment holding the slot, shown to admins, the front desk, the doctor of the slot and the patient of that appointment (null for anyone else).' })
  async appointment(@Root() slot: SlotRef, @Ctx() ctx: RequestContext): Promise<Appointment | null> {
    const actor = actorOf(ctx);
    const holder = await loaderFor<string, Appointment>(ctx, 'slot-appointment', async (slotIds) => {
      const rows = await ctx.em.find(Appointment, { slotId: { $in: [...slotIds] }, status: { $ne: AppointmentStatus.CANCELLED } }, { orderBy: { createdAt: 'desc' } });
      const bySlot = new Map<string, Appointment>();
      for (const row of rows) if (!bySlot.has(row.slotId)) bySlot.set(row.slotId, row);
      return slotIds.map((id) => bySlot.get(id) ?? null);
    }).load(slot.id);
    return holder && mayRead(actor, holder) ? holder : null;
  }
}
