import { AppointmentStatus, DecimalScalar } from '@carebook/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities other subgraphs own. Billing adds Appointment.invoice and
 * Patient.invoices; Doctor and MedicalService appear only as the types of
 * the appointment fields that Appointment.invoice requires.
 */

@Directive('@key(fields: "id")')
@ObjectType('Patient')
export class PatientRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('MedicalService')
export class MedicalServiceRef {
  @Field(() => ID)
  id: string;
}

/**
 * The appointment as billing sees it: its id, plus the fields the
 * appointment service owns that Appointment.invoice @requires (status, the
 * price agreed at booking, the parties), which the gateway fetches from the
 * appointment service first and hands over in the entity representation.
 */
@Directive('@key(fields: "id")')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => AppointmentStatus)
  status?: AppointmentStatus;

  @Directive('@external')
  @Field(() => DecimalScalar)
  price?: string;

  @Directive('@external')
  @Field(() => String)
  currency?: string;

  @Directive('@external')
  @Field(() => PatientRef)
  patient?: PatientRef;

  @Directive('@external')
  @Field(() => DoctorRef)
  doctor?: DoctorRef;

  @Directive('@external')
  @Field(() => MedicalServiceRef)
  service?: MedicalServiceRef;
}
