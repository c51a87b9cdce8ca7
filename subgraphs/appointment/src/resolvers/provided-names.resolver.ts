import { loaderFor, NotFound, RequestContext } from '@carebook/platform';
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
    const names = loaderFor<string, string>(ctx, 'provided-doctor-names', async (ids) => {
      const doctors = await this.deps.doctors.doctors({ ids: [...ids] });
      const byId = new Map(doctors.map((d) => [d.id, d.name]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const name = await names.load(doctor.id);
    if (name === null) throw new NotFound('Doctor', doctor.id);
    return name;
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
 * front desk, admins). Asked from the patient service once per response,
 * never kept: a name changed shows at once.
 */
@Resolver(() => PatientRef)
export class ProvidedPatientNameResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String)
  async name(@Root() patient: PatientRef, @Ctx() ctx: RequestContext): Promise<string> {
    const names = loaderFor<string, string>(ctx, 'provided-patient-names', async (ids) => {
      const known = await this.deps.patients.names(ids);
      return ids.map((id) => known.get(id) ?? null);
    });
    const name = await names.load(patient.id);
    if (name === null) throw new NotFound('Patient', patient.id);
    return name;
  }
}
