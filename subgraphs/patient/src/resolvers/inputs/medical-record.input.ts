import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DIAGNOSIS_MAX_LENGTH, NOTES_MAX_LENGTH, RECORD_MESSAGES } from '../../domain/record-rules';

@InputType({ description: 'A new entry in the chart of a patient you have an appointment with.' })
export class MedicalRecordInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'patientId must be the id of a patient' })
  patientId: string;

  @Field(() => ID, { nullable: true, description: 'The appointment this entry belongs to, if any.' })
  @IsOptional()
  @IsUUID('all', { message: 'appointmentId must be the id of an appointment' })
  appointmentId?: string | null;

  @Field(() => String, { description: `1 to ${DIAGNOSIS_MAX_LENGTH} characters; stored encrypted.` })
  @Length(1, DIAGNOSIS_MAX_LENGTH, { message: RECORD_MESSAGES.diagnosis })
  @Matches(/\S/, { message: RECORD_MESSAGES.diagnosis })
  diagnosis: string;

  @Field(() => String, { nullable: true, description: `At most ${NOTES_MAX_LENGTH} characters; stored encrypted.` })
  @IsOptional()
  @MaxLength(NOTES_MAX_LENGTH, { message: RECORD_MESSAGES.notes })
  notes?: string | null;
}
