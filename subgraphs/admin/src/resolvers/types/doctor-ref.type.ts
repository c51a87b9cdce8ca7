import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A doctor by key; the doctor subgraph resolves the profile. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}
