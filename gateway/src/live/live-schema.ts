import { AppError, Unauthenticated } from '@carebook/platform';
import {
  buildSchema,
  FieldNode,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
  printSchema,
  responsePathAsArray,
} from 'graphql';
import type { ChangeFeed } from './change-feed';
import { changeQueryOf, ChangeQuery, ENTITY_FIELDS } from './change-query';
import type { QueueItem } from './change-queue';
import { accessScopeOf, audienceFor, Viewer } from './live-access';
import type { ScheduleChangeFacts } from './schedule-change';
import type { FederatedResult, SharedExecutions } from './shared-executions';

export interface LiveContext {
  viewer?: Viewer;
}

export interface LiveSchemaDeps {
  feed: ChangeFeed;
  shared: SharedExecutions;
  /** Runs a query through the gateway as the viewer (their token travels to every subgraph); without one, only to have it planned. */
  execute(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<FederatedResult>;
}

const CHANGE = Symbol('change');
const DATA = Symbol('data');
const RESULT = Symbol('result');

interface ChangeSource {
  [CHANGE]: ScheduleChangeFacts;
  [DATA]: Record<string, unknown>;
}

/**
 * The schema graphql-ws executes: a copy of the gateway's API schema (Apollo
 * Server wraps the resolvers of the schema object it serves, so ours go on a
 * copy) in which `scheduleChanged` subscribes to this instance's change feed,
 * and each change is resolved through the supergraph with the subscriber's
 * token: one query per change and selection, shared by every subscriber with
 * the same query, variables and access scope. Every other field reads the
 * answer by response key (aliases included), and a field the answer left
 * null because of an error raises that error at its place, as in a query.
 * Null when the supergraph declares no scheduleChanged.
 */
export function buildLiveSchema(apiSchema: GraphQLSchema, deps: LiveSchemaDeps): GraphQLSchema | null {
  const schema = buildSchema(printSchema(apiSchema));
  const field = schema.getSubscriptionType()?.getFields().scheduleChanged;
  if (!field) return null;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith('__') && type !== schema.getSubscriptionType()) {
      for (const typeField of Object.values((type as GraphQLObjectType).getFields())) typeField.resolve = readAnswer;
    }
  }
  const queries = new WeakMap<FieldNode, Map<string, ChangeQuery | null>>();
  const queryFor = (info: GraphQLResolveInfo, include: Record<keyof typeof ENTITY_FIELDS, boolean>) => {
    const shape = `${include.slot}${include.appointment}`;
    let byShape = queries.get(info.fieldNodes[0]);
    if (!byShape) queries.set(info.fieldNodes[0], (byShape = new Map<string, ChangeQuery | null>()));
    if (!byShape.has(shape)) byShape.set(shape, changeQueryOf(info, include));
    return byShape.get(shape)!;
  };

  // The gateway plans a query the first time it sees it (hundreds of ms on a slow machine): have it planned at
  // subscribe time, so that the first change is not late. Without a token the subgraphs refuse it at once.
  const planned = new Set<string>();
  const plan = (info: GraphQLResolveInfo) => {
    for (const query of [queryFor(info, WITH_APPOINTMENT), queryFor(info, SLOT_ONLY)]) {
      if (!query || planned.has(query.query)) continue;
      planned.add(query.query);
      void deps.execute(query.query, variablesOf(query, info, WARM_UP_IDS), null).catch(() => undefined);
    }
  };

  field.subscribe = (_source, args: { doctorId?: string | null }, context: LiveContext, info) => {
    const queue = deps.feed.follow(audienceFor(context.viewer, args.doctorId));
    plan(info);
    return queue;
  };
  field.resolve = async (item: QueueItem, _args, context: LiveContext, info): Promise<ChangeSource> => {
    if ('end' in item) throw endError(item.end);
    const { change } = item;
    const viewer = context.viewer!;
    const query = queryFor(info, { slot: change.slotId !== null, appointment: change.appointmentId !== null });
    let result: FederatedResult = { data: {} };
    if (query) {
      const variables = variablesOf(query, info, { slot: change.slotId, appointment: change.appointmentId });
      const own = query.variableNames.map((variable) => variables[variable]);
      const key = `${change.eventId}\n${accessScopeOf(viewer)}\n${JSON.stringify(own)}\n${query.query}`;
      result = await deps.shared.run(key, () => deps.execute(query.query, variables, viewer));
    }
    (item as QueueItem & { [RESULT]?: FederatedResult })[RESULT] = result;
    return { [CHANGE]: change, [DATA]: result.data ?? {} };
  };
  return schema;
}

const WITH_APPOINTMENT = { slot: true, appointment: true };
const SLOT_ONLY = { slot: true, appointment: false };
const WARM_UP_IDS = { slot: 'warm-up', appointment: 'warm-up' };

/** The query's variables: the subscriber's own that it uses, and the ids of the change's entities. */
function variablesOf(
  query: ChangeQuery,
  info: GraphQLResolveInfo,
  ids: Record<keyof typeof ENTITY_FIELDS, string | null>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const variable of query.variableNames) variables[variable] = info.variableValues[variable];
  for (const entity of query.entities) variables[ENTITY_FIELDS[entity].variable] = ids[entity];
  return variables;
}

function endError(reason: 'EXPIRED' | 'TOO_SLOW'): GraphQLError {
  if (reason === 'EXPIRED')
    return new Unauthenticated(
      'Your access token has expired, so this subscription has ended; reconnect with a fresh token and subscribe again.',
    );
  return new AppError(
    'INTERNAL_SERVER_ERROR',
    'This subscription fell too far behind (the connection reads too slowly) and was ended; subscribe again.',
  );
}

/** Reads a field of the federated answer by its response key, or raises the error that left it empty. */
const readAnswer: GraphQLFieldResolver<unknown, LiveContext> = (source, _args, _context, info) => {
  const record = source as Partial<ChangeSource> & Record<string | number, unknown>;
  let value: unknown;
  if (record[CHANGE]) {
    if (info.fieldName === 'kind' || info.fieldName === 'occurredAt') return record[CHANGE][info.fieldName];
    value = record[DATA]?.[info.path.key];
  } else {
    value = record?.[info.path.key];
  }
  if (value === null || value === undefined) {
    const error = errorAt(info);
    if (error) throw error;
  }
  return value;
};

function errorAt(info: GraphQLResolveInfo): GraphQLError | undefined {
  const result = (info.rootValue as { [RESULT]?: FederatedResult } | undefined)?.[RESULT];
  if (!result?.errors?.length) return undefined;
  const path = responsePathAsArray(info.path).slice(1);
  const found =
    result.errors.find((error) => error.path && path.every((key, index) => error.path![index] === key)) ??
    (result.data ? undefined : result.errors[0]);
  return found ? new GraphQLError(found.message, { extensions: found.extensions }) : undefined;
}
