import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The doctor service's Doctor, extended here with schedule and weeklyAvailability. */
@Directive('@key(fields: "id")')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;

  // Owned by the doctor subgraph; scheduling only provides them where it already
  // holds them (the calendar, see DoctorAvailability.doctor), saving the gateway
  // one entity fetch per calendar entry.
  @Directive('@external')
  @Field(() => String)
  name?: string;

  @Directive('@external')
  @Field(() => String)
  specialty?: string;
}
