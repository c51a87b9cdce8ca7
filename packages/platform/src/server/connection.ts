import { ClassType, Field, ObjectType } from 'type-graphql';
import { PageInfo } from './pagination';

/** One row of a page and the cursor to continue after it. */
export interface EdgeOf<T> {
  cursor: string;
  node: T;
}

/**
 * The Relay-style connection of a node type, declared once for every list:
 * `class AppointmentConnection extends Connection(Appointment) {}` with
 * `@ObjectType({ description })` on the subclass. The edge type is named
 * after the node (`AppointmentEdge`), as the schema has always named it;
 * `toPage` builds the value. A list that also counts its matches adds a
 * `totalCount` field on its subclass.
 */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`)
  class Edge implements EdgeOf<T> {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  // Not in the schema by itself: type-graphql emits only the types resolvers reach (the subclass).
  @ObjectType()
  abstract class ConnectionOf {
    @Field(() => [Edge])
    edges: EdgeOf<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionOf;
}
