import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities other subgraphs own. Patient, Doctor and Slot are resolvable @key
 * entities here because this subgraph adds a field to each (appointments,
 * appointment); their __resolveReference only echoes the id. MedicalService
 * gets no field here, so it is a plain stub.
 *
 * The names (and a location's address) are the doctor service's: an
 * appointment @provides them (Appointment.doctor, .service, .location) from
 * the directory lookups this service keeps anyway, so that the answer to a
 * booking needs no entity fetch from the doctor service
 * (resolvers/provided-names.resolver.ts).
 */

@Directive('@key(fields: "id")')
@ObjectType('Patient')
export class PatientRef {
  @Field(() => ID)
  id: string;

  // The patient service's; an appointment @provides it to those who may read the appointment (provided-names.resolver.ts).
  @Directive('@external')
  @Field(() => String)
  name?: string;

  /** Set when a doctor reads a PENDING appointment: its name waits for the booking to settle (not a field). */
  settleFirst?: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => String)
  name?: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('MedicalService')
export class MedicalServiceRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => String)
  name?: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => String)
  name?: string;

  @Directive('@external')
  @Field(() => String)
  address?: string;
}

/*
 * Slot's own fields are scheduling's; they are declared here only so that a
 * refused booking's alternatives can @provide them from the facts
 * scheduling's alternatives route already answered (booking-result.type.ts).
 * Anywhere else (Appointment.slot), the gateway asks scheduling.
 */
@Directive('@key(fields: "id")')
@ObjectType('Slot')
export class SlotRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => Date)
  startsAt?: Date;

  @Directive('@external')
  @Field(() => Date)
  endsAt?: Date;

  @Directive('@external')
  @Field(() => String)
  timeZone?: string;

  @Directive('@external')
  @Field(() => LocationRef)
  location?: LocationRef;

  @Directive('@external')
  @Field(() => DoctorRef)
  doctor?: DoctorRef;
}
