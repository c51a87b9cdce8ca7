import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The appointment service's Appointment, referred to by id (a booked slot's appointment). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;
}
