import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DIAGNOSIS_MAX_LENGTH, NOTES_MAX_LENGTH, RECORD_MESSAGES } from '../../domain/record-rules';

@InputType({
  description: 'A correction to a record you wrote: send diagnosis, notes or both (notes: null removes them).',
})
export class MedicalRecordUpdateInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, DIAGNOSIS_MAX_LENGTH, { message: RECORD_MESSAGES.diagnosis })
  @Matches(/\S/, { message: RECORD_MESSAGES.diagnosis })
  diagnosis?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(NOTES_MAX_LENGTH, { message: RECORD_MESSAGES.notes })
  notes?: string | null;
}
