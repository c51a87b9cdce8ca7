import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AppointmentStatus } from '../../entities/appointment-status.enum';

@InputType({
  description: 'Which appointments to list; all fields optional. from/to bound startsAt (from included, to excluded).',
})
export class AppointmentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 64, { message: 'doctorId must be the id of a doctor' })
  doctorId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 64, { message: 'patientId must be the id of a patient' })
  patientId?: string | null;

  @Field(() => [AppointmentStatus], { nullable: true })
  status?: AppointmentStatus[] | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
