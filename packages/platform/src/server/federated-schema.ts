import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, ContainerType, createResolversMap, NonEmptyArray, PubSub } from 'type-graphql';
import { authChecker } from '../auth/guards';
import { CalendarDateScalar, DateTimeScalar } from '../scalars';
import type { RequestContext } from './request-context';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@interfaceObject"])';

/** A class type-graphql reads decorators from (a resolver, an object type); abstract ones too. */
export type DecoratedClass = abstract new (...args: never[]) => unknown;

export interface SubgraphSchemaDefinition {
  resolvers: NonEmptyArray<DecoratedClass>;
  /** Types reachable only as entity references (stubs of other services' entities). */
  orphanedTypes?: DecoratedClass[];
  /**
   * Resolver instances built with their dependencies (constructor injection);
   * resolver classes not listed here are created with `new`.
   */
  instances?: object[];
  /** `{ TypeName: { __resolveReference } }`, batched through loaders. */
  references?: GraphQLResolverMap<RequestContext>;
  /** type-graphql requires one as soon as a resolver declares a @Subscription (even one with its own `subscribe`). */
  pubSub?: PubSub;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph's SDL with federation directives, as composition reads it. */
  sdl: string;
}

/**
 * Builds a Federation 2 subgraph from type-graphql classes (as in type-graphql's
 * examples/apollo-federation-2): type-graphql builds and prints the schema with
 * its directives, @apollo/subgraph adds the federation machinery.
 */
export async function buildFederatedSchema(definition: SubgraphSchemaDefinition): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    authChecker,
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    container: instanceContainer(definition.instances ?? []),
    pubSub: definition.pubSub,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  // type-graphql types its map as its own ResolversMap (any source and context), which Apollo's type does not
  // name: the same record of type -> field -> resolver, with the RequestContext every subgraph's server builds.
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<RequestContext>;
  for (const [typeName, reference] of Object.entries(definition.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(reference as object) };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  return { schema, sdl };
}

export { CalendarDateScalar };

/** A resolver class type-graphql asks the container for; one not given as an instance takes no arguments. */
type ResolverClass = new () => object;

function instanceContainer(instances: object[]): ContainerType {
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  return {
    get(someClass: ResolverClass) {
      let instance = byClass.get(someClass);
      if (!instance) {
        instance = new someClass();
        byClass.set(someClass, instance);
      }
      return instance;
    },
  };
}
