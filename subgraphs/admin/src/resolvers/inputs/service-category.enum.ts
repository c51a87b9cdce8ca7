import { registerEnumType } from 'type-graphql';

// Declared alike in the doctor subgraph, which owns the catalogue; composition checks they agree.
export enum ServiceCategory {
  GENERAL_CHECKUP = 'GENERAL_CHECKUP',
  SPECIALIST_CONSULTATION = 'SPECIALIST_CONSULTATION',
  LAB_TEST = 'LAB_TEST',
  VACCINATION = 'VACCINATION',
  FOLLOW_UP = 'FOLLOW_UP',
}

registerEnumType(ServiceCategory, { name: 'ServiceCategory', description: 'What kind of visit a medical service is.' });
