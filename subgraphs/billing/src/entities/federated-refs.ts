import { AppointmentStatus } from '@carebook/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities other subgraphs own. Billing adds Appointment.invoice and
 * Patient.invoices; an invoice line names its MedicalService by key.
 */

@Directive('@key(fields: "id")')
@ObjectType('Patient')
export class PatientRef {
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
 * The appointment as billing sees it: its id, its status and lateness, which the
 * appointment service owns and Appointment.invoice @requires (the gateway
 * fetches it first and hands it over in the entity representation).
 */
@Directive('@key(fields: "id")')
@ObjectType('Appointment')
export class AppointmentRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => AppointmentStatus)
  status?: AppointmentStatus;

  /** Whether the patient cancelled or moved it late: a cancelled appointment owes an invoice only then. */
  @Directive('@external')
  @Field(() => Boolean)
  lateCancellation?: boolean;
}
