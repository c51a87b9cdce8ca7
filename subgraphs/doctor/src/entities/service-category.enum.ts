import { registerEnumType } from 'type-graphql';

/** Kinds of visit in the catalogue; the booking flow and the calendar filter by them. */
export enum ServiceCategory {
  GENERAL_CHECKUP = 'GENERAL_CHECKUP',
  SPECIALIST_CONSULTATION = 'SPECIALIST_CONSULTATION',
  LAB_TEST = 'LAB_TEST',
  VACCINATION = 'VACCINATION',
  FOLLOW_UP = 'FOLLOW_UP',
}

registerEnumType(ServiceCategory, { name: 'ServiceCategory', description: 'What kind of visit a medical service is.' });
