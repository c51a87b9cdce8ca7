import { registerEnumType } from 'type-graphql';

// The auth subgraph declares the same enum for RegisterPatientInput; composition checks they agree.
export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  OTHER = 'OTHER',
}

registerEnumType(Gender, { name: 'Gender' });
