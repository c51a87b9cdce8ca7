import { Directive, Field, ID, ObjectType } from 'type-graphql';

/* Entities other subgraphs own, extended here: Appointment.feedback, Doctor.rating and Doctor.reviewCount. */

@Directive('@key(fields: "id")')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}
