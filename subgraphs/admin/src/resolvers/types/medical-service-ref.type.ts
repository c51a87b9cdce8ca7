import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A catalogue entry by key; the doctor subgraph, which owns the catalogue, resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('MedicalService')
export class MedicalServiceRef {
  @Field(() => ID)
  id: string;
}
