import { Field, Int, ObjectType } from 'type-graphql';
import { AppointmentRef } from '../../entities/appointment-ref.type';

@ObjectType({ description: 'What a time off did: the free slots it blocked and the booked appointments inside it.' })
export class TimeOffResult {
  @Field(() => Int)
  blockedSlots: number;

  @Field(() => [AppointmentRef], { description: 'Booked appointments in the time off, for the staff to move.' })
  conflicts: AppointmentRef[];
}
