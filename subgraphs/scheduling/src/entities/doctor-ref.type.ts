import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The doctor service's Doctor, extended here with schedule and weeklyAvailability. */
@Directive('@key(fields: "id")')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}
