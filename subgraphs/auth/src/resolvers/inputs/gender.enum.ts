import { registerEnumType } from 'type-graphql';

// Declared alike in the patient subgraph, which owns the profile; composition checks they agree.
export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  OTHER = 'OTHER',
}

registerEnumType(Gender, { name: 'Gender' });
