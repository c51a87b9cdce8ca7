import { Directive, Field, ID, ObjectType } from 'type-graphql';

/* Entities other subgraphs own, by key. */

/** A doctor, owned by the doctor subgraph; the gateway fetches the rest of it from there. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Doctor')
export class DoctorRef {
  @Field(() => ID)
  id: string;
}
