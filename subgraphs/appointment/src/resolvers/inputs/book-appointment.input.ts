import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_REASON_LENGTH } from '../../domain/booking-rules';

@InputType({ description: 'What to book: a free slot, for a service its doctor offers.' })
export class BookAppointmentInput {
  @Field(() => ID)
  @Length(1, 64, { message: 'slotId must be the id of a slot (from availableSlots)' })
  slotId: string;

  @Field(() => ID)
  @Length(1, 64, { message: 'serviceId must be the id of a medical service' })
  serviceId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_REASON_LENGTH, { message: `reason must be at most ${MAX_REASON_LENGTH} characters` })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'Admins booking for a patient; patients leave it out.' })
  @IsOptional()
  @Length(1, 64, { message: 'patientId must be the id of a patient' })
  patientId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Sent again with a retry, it answers the first result and books once.',
  })
  @IsOptional()
  @Length(1, 100, { message: 'idempotencyKey must be 1 to 100 characters' })
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'idempotencyKey may only use letters, digits and _ . : -' })
  idempotencyKey?: string | null;
}
