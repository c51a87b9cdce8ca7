import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

/** The largest request a client may send, over HTTP (JSON body) and over WebSocket (one message). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export interface QueryLimits {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * The validation rules that bound a document's depth, aliases and cost
 * (MAX_QUERY_DEPTH, MAX_QUERY_ALIASES, MAX_QUERY_COST): the same for queries
 * and mutations over HTTP and for subscriptions over graphql-ws.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  // Armor rules throw by default, which Apollo reports as an internal error; report them as validation errors instead.
  const asValidationError = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Split the query into smaller ones.`),
        ),
    ],
  };
  return [
    maxDepthRule({ n: limits.depth, ...asValidationError }),
    maxAliasesRule({ n: limits.aliases, ...asValidationError }),
    costLimitRule({ maxCost: limits.cost, ...asValidationError }),
  ];
}
