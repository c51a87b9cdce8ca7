import { Directive, Field, ID, ObjectType } from 'type-graphql';

/* Entities other subgraphs own, by key (Doctor is extended here with its schedule and hours). */

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

/** The doctor service's Location, by key: a slot's or an hour's place (the doctor subgraph resolves the rest). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id: string;
}

/** The appointment service's Appointment, referred to by id (a booked slot's appointment). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;
}
