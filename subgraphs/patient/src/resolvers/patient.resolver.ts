import {
  CalendarDateScalar,
  entityByIdLoader,
  Forbidden,
  NotFound,
  RequestContext,
  requireUser,
  Role,
} from '@carebook/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertChartAccess } from '../use-cases/care-relationships';
import { FRONT_DESK_MESSAGE } from '../domain/chart-access';
import { recordsOfPatient } from '../use-cases/medical-records';
import { findPatients } from '../use-cases/patient-search';
import { updateProfile } from '../use-cases/patient-profiles';
import { SEALED } from '../domain/sealed-columns';
import { MedicalRecord, Patient } from '../entities';
import { UpdatePatientInput } from './inputs/update-patient.input';
import type { PatientDeps } from '../deps';

@Resolver(() => Patient)
export class PatientResolver {
  constructor(private readonly deps: PatientDeps) {}

  @Authorized(Role.PATIENT)
  @Query(() => Patient, { description: 'Your own patient profile. Patients only.' })
  async myProfile(@Ctx() ctx: RequestContext): Promise<Patient> {
    const patient = await ctx.em.findOne(Patient, { id: requireUser(ctx).id });
    if (!patient) throw new NotFound('Your patient profile');
    return patient;
  }

  @Authorized(Role.PATIENT)
  @Mutation(() => Patient, { description: 'Changes your own profile. Patients only.' })
  updateMyProfile(
    @Arg('input', () => UpdatePatientInput) input: UpdatePatientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Patient> {
    return updateProfile(ctx.em, this.deps.sealer, requireUser(ctx).id, input);
  }

  @Authorized(Role.ADMIN, Role.STAFF)
  @Query(() => [Patient], {
    description:
      'Patients whose name or email contains `search`, or whose phone is the number typed (with or without the country code), by name; up to `first` (default 20, at most 50). The front desk and admins; the front desk sees contact details, never the chart.',
  })
  findPatients(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String) search: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<Patient[]> {
    return findPatients(ctx.em, this.deps.sealer, search, first);
  }

  @Query(() => Patient, {
    description:
      "A patient's profile and chart. Admins see every patient, a patient only themselves, a doctor only patients they have (or had) an appointment with.",
  })
  async patient(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Patient> {
    // Access first, so that whether an id exists is told only to those who may see it.
    await assertChartAccess(ctx, id, this.deps.confirmCare);
    const patient = await entityByIdLoader(ctx, Patient).load(id);
    if (!patient) throw new NotFound('Patient', id);
    return patient;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Stored encrypted.' })
  phone(@Root() patient: Patient): string | null {
    return this.deps.sealer.open(SEALED.phone, patient.id, patient.phoneSealed);
  }

  @FieldResolver(() => CalendarDateScalar, { nullable: true, description: 'Stored encrypted.' })
  dateOfBirth(@Root() patient: Patient): string | null {
    return this.deps.sealer.open(SEALED.dateOfBirth, patient.id, patient.dateOfBirthSealed);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'What the patient tells their doctors about their health; part of the chart, never shown to the front desk. Stored encrypted.',
  })
  medicalHistory(@Root() patient: Patient, @Ctx() ctx: RequestContext): string | null {
    // The front desk reaches patients through findPatients and appointments (their contact card); the chart stays closed to it.
    if (ctx.principal?.role === Role.STAFF) throw new Forbidden(FRONT_DESK_MESSAGE);
    return this.deps.sealer.open(SEALED.medicalHistory, patient.id, patient.medicalHistorySealed);
  }

  @FieldResolver(() => [MedicalRecord], {
    description:
      'The chart, newest first: for admins, the patient, and doctors who have (or had) an appointment with them (never the front desk).',
  })
  async records(@Root() patient: Patient, @Ctx() ctx: RequestContext): Promise<MedicalRecord[]> {
    await assertChartAccess(ctx, patient.id, this.deps.confirmCare);
    return recordsOfPatient(ctx, patient.id);
  }
}
