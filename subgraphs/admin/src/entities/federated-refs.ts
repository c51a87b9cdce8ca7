import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities other subgraphs own, by key: the admin log's acting admin (User) and what admins create here
 * (Doctor, MedicalService). None is resolvable here; the owners resolve the other fields.
 */

/** A user by key; the auth subgraph resolves the other fields (email, role, active). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}

/** A doctor by key; the doctor subgraph resolves the profile. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}

/** A catalogue entry by key; the doctor subgraph, which owns the catalogue, resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('MedicalService')
export class MedicalServiceRef {
  @Field(() => ID)
  id: string;
}
