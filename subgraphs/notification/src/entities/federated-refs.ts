import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The appointment service's entity, extended here with its notifications (the reference is the id). */
@Directive('@key(fields: "id")')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;
}
