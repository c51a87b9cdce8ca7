import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A user by key; the auth subgraph resolves the other fields (email, role, active). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}
