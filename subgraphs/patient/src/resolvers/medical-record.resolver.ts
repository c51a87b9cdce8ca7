import { RequestContext, requireUser, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { addMedicalRecord, updateMedicalRecord } from '../use-cases/medical-records';
import { SEALED } from '../domain/sealed-columns';
import { MedicalRecord } from '../entities';
import { MedicalRecordUpdateInput } from './inputs/medical-record-update.input';
import { MedicalRecordInput } from './inputs/medical-record.input';
import type { PatientDeps } from '../deps';
import { DoctorRef } from '../entities/federated-refs';

@Resolver(() => MedicalRecord)
export class MedicalRecordResolver {
  constructor(private readonly deps: PatientDeps) {}

  @Authorized(Role.DOCTOR)
  @Mutation(() => MedicalRecord, {
    description: 'Writes in the chart of a patient you have (or had) an appointment with. Doctors only.',
  })
  addMedicalRecord(
    @Arg('input', () => MedicalRecordInput) input: MedicalRecordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MedicalRecord> {
    return addMedicalRecord(ctx.em, this.deps.sealer, requireUser(ctx).id, input, this.deps.confirmCare);
  }

  @Authorized(Role.DOCTOR)
  @Mutation(() => MedicalRecord, { description: 'Corrects a record you wrote. Only its author may.' })
  updateMedicalRecord(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MedicalRecordUpdateInput) input: MedicalRecordUpdateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MedicalRecord> {
    return updateMedicalRecord(ctx.em, this.deps.sealer, requireUser(ctx).id, id, input);
  }

  @FieldResolver(() => String, { description: 'Stored encrypted.' })
  diagnosis(@Root() record: MedicalRecord): string {
    return this.deps.sealer.open(SEALED.diagnosis, record.id, record.diagnosisSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Stored encrypted.' })
  notes(@Root() record: MedicalRecord): string | null {
    return this.deps.sealer.open(SEALED.recordNotes, record.id, record.notesSealed);
  }

  @FieldResolver(() => DoctorRef, { nullable: true, description: 'The doctor who wrote the record.' })
  doctor(@Root() record: MedicalRecord): DoctorRef {
    return { id: record.doctorId };
  }
}
