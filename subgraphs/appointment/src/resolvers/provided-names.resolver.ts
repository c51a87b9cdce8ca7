import { Forbidden, loaderFor, NotFound, providedName, RequestContext } from '@carebook/platform';
import { Appointment } from '../entities/appointment.entity';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppointmentDeps } from '../deps';
import { DoctorRef, LocationRef, MedicalServiceRef, PatientRef } from '../entities/federated-refs';

/*
 * The doctor service's names, as an appointment @provides them
 * (appointment.resolver.ts): answered from the directory lookups this service
 * makes for bookings anyway (kept seconds, forgotten on the doctor service's
 * change announcements, asked afresh while those are not heard), so a
 * booking's answer costs the doctor service nothing more. A list asks once
 * per request: the doctors in one call, each distinct service once (as the
 * export does), the locations in one call.
 */

@Resolver(() => DoctorRef)
export class ProvidedDoctorNameResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String)
  async name(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<string> {
    // An alternative slot's doctor comes named from the same directory lookups: no second ask.
    if (doctor.name) return doctor.name;
    return providedName(ctx, 'provided-doctor-names', 'Doctor', doctor.id, async (ids) => {
      const doctors = await this.deps.doctors.doctors({ ids: [...ids] });
      return new Map(doctors.map((d) => [d.id, d.name]));
    });
  }
}

@Resolver(() => MedicalServiceRef)
export class ProvidedServiceNameResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String)
  async name(@Root() service: MedicalServiceRef): Promise<string> {
    return (await this.deps.doctors.medicalService(service.id)).name;
  }
}

@Resolver(() => LocationRef)
export class ProvidedLocationResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String)
  async name(@Root() location: LocationRef, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.location(location.id, ctx)).name;
  }

  @FieldResolver(() => String)
  async address(@Root() location: LocationRef, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.location(location.id, ctx)).address;
  }

  private async location(id: string, ctx: RequestContext) {
    const locations = loaderFor(ctx, 'provided-locations', async (ids: readonly string[]) => {
      let known = new Map((await this.deps.doctors.locations()).map((l) => [l.id, l]));
      // A location created a moment ago may not be in the kept list yet (its announcement is on its way).
      if (ids.some((id) => !known.has(id)))
        known = new Map((await this.deps.doctors.locations(true)).map((l) => [l.id, l]));
      return ids.map((id) => known.get(id) ?? null);
    });
    const location = await locations.load(id);
    if (!location) throw new NotFound('Location', id);
    return location;
  }
}

/**
 * A patient's name on an appointment (Appointment.patient @provides it): the
 * appointment's readers are the patient's own contacts (the patient service
 * lets the same people see it: themselves, the doctor caring for them, the
 * front desk, admins). A doctor reading a booking still PENDING (a live
 * change is executed the moment scheduling books the slot) gets the name
 * once it is confirmed, and a FORBIDDEN if it never is, as the patient
 * service's care check answers. Asked from the patient service once per
 * response, never kept: a name changed shows at once.
 */
@Resolver(() => PatientRef)
export class ProvidedPatientNameResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String)
  async name(@Root() patient: PatientRef, @Ctx() ctx: RequestContext): Promise<string> {
    if (patient.settleFirst && !(await confirmedSoon(ctx, patient.settleFirst)))
      throw new Forbidden("A doctor sees a patient's name once the booking is confirmed; this one was not.");
    return providedName(ctx, 'provided-patient-names', 'Patient', patient.id, (ids) => this.deps.patients.names(ids));
  }
}

/** How long a PENDING booking is waited for, in steps: it settles within its own request, milliseconds after the slot is booked. */
const PENDING_WAITS_MS = [50, 150, 300, 500, 1000];

/** Whether the appointment is past PENDING (confirmed, or already moved on from it) within about two seconds. */
async function confirmedSoon(ctx: RequestContext, appointmentId: string): Promise<boolean> {
  for (const wait of [0, ...PENDING_WAITS_MS]) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    const current = await ctx.em.fork().findOne(Appointment, { id: appointmentId }, { fields: ['status'] });
    if (!current) return false; // withdrawn: the slot was not this booking's
    if (current.status !== AppointmentStatus.PENDING) return true;
  }
  return false;
}
