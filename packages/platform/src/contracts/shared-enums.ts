import { registerEnumType } from 'type-graphql';

/**
 * Enums that more than one subgraph exposes (an input in one, an output in
 * another). Declared once so the subgraphs cannot drift apart; composition
 * would refuse them if they did.
 */

/** Kinds of visit in the catalogue (doctor owns it; admin's createMedicalService takes it). */
export enum ServiceCategory {
  GENERAL_CHECKUP = 'GENERAL_CHECKUP',
  SPECIALIST_CONSULTATION = 'SPECIALIST_CONSULTATION',
  LAB_TEST = 'LAB_TEST',
  VACCINATION = 'VACCINATION',
  FOLLOW_UP = 'FOLLOW_UP',
}

registerEnumType(ServiceCategory, { name: 'ServiceCategory', description: 'What kind of visit a medical service is.' });

/** A patient's gender (patient owns the profile; auth's registerPatient takes it). */
export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  OTHER = 'OTHER',
}

registerEnumType(Gender, { name: 'Gender' });

/** How a patient hears about their appointments (patient owns the preference; notification logs the channel used). */
export enum NotificationChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a patient wants to hear about their appointments.',
});
/** An appointment's status (appointment owns it; billing and feedback require it to decide on invoices and feedback). */
export enum AppointmentStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description:
    'PENDING while the slot is being booked; CONFIRMED once it is held; then CANCELLED, COMPLETED or NO_SHOW.',
});
