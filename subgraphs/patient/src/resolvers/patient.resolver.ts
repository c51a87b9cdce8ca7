import { CalendarDateScalar, entityByIdLoader, NotFound, RequestContext, requireUser, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertChartAccess } from '../domain/care-relationships';
import { recordsOfPatient } from '../domain/medical-records';
import { searchPatients } from '../domain/patient-search';
import { updateProfile } from '../domain/patient-profiles';
import { SEALED } from '../domain/sealed-columns';
import { MedicalRecord, Patient } from '../entities';
import { UpdatePatientInput } from './inputs/update-patient.input';
import type { PatientDeps } from './patient-deps';

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
  updateMyProfile(@Arg('input', () => UpdatePatientInput) input: UpdatePatientInput, @Ctx() ctx: RequestContext): Promise<Patient> {
    return updateProfile(ctx.em, this.deps.sealer, requireUser(ctx).id, input);
  }

  @Query(() => Patient, {
    description: "A patient's profile and chart. Admins see every patient, a patient only themselves, a doctor only patients they have (or had) an appointment with.",
  })
  async patient(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Patient> {
    // Access first, so that whether an id exists is told only to those who may see it.
    await assertChartAccess(ctx, id, this.deps.confirmCare);
    const patient = await entityByIdLoader(ctx, Patient).load(id);
    if (!patient) throw new NotFound('Patient', id);
    return patient;
  }

  @Authorized(Role.ADMIN)
  @Query(() => [Patient], { description: 'Patients whose name or email contains the text (2 letters or more), by name; first: 1..20, default 10. Staff finding whom they book for. Admins only.' })
  patients(
    @Arg('search', () => String) search: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Patient[]> {
    return searchPatients(ctx.em, search, first ?? undefined);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Stored encrypted.' })
  phone(@Root() patient: Patient): string | null {
    return this.deps.sealer.open(SEALED.phone, patient.id, patient.phoneSealed);
  }

  @FieldResolver(() => CalendarDateScalar, { nullable: true, description: 'Stored encrypted.' })
  dateOfBirth(@Root() patient: Patient): string | null {
    return this.deps.sealer.open(SEALED.dateOfBirth, patient.id, patient.dateOfBirthSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the patient tells their doctors about their health. Stored encrypted.' })
  medicalHistory(@Root() patient: Patient): string | null {
    return this.deps.sealer.open(SEALED.medicalHistory, patient.id, patient.medicalHistorySealed);
  }

  @FieldResolver(() => [MedicalRecord], { description: 'The chart, newest first: for admins, the patient, and doctors who have (or had) an appointment with them.' })
  async records(@Root() patient: Patient, @Ctx() ctx: RequestContext): Promise<MedicalRecord[]> {
    await assertChartAccess(ctx, patient.id, this.deps.confirmCare);
    return recordsOfPatient(ctx, patient.id);
  }
}
