import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The doctor service's Location, by key: a slot's or an hour's place (the doctor subgraph resolves the rest). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id: string;
}
