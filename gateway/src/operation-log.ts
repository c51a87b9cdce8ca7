import type { ApolloServerPlugin } from '@apollo/server';
import { appendFileSync } from 'node:fs';

export interface OperationLog {
  /** Notes one executed operation by name (anonymous ones are not noted). */
  record(operationName: string | null | undefined): void;
  /** Notes every operation Apollo Server resolves (after validation, before execution or a cached answer). */
  plugin: ApolloServerPlugin;
}

/**
 * For test stacks only (CAREBOOK_OPERATION_LOG=<file>): appends the name of
 * every operation this gateway serves, queries and mutations as well as
 * live subscriptions, one per line, so that the client-contract check can
 * tell which contract operations the end-to-end suites really executed
 * (not merely named). Without the variable nothing is written.
 */
export function createOperationLog(path: string | undefined): OperationLog | null {
  if (!path) return null;
  // Appends of one short line are atomic: the gateways of one stack may share the file.
  const record = (operationName: string | null | undefined) => {
    if (operationName) appendFileSync(path, `${operationName}\n`);
  };
  return {
    record,
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation(requestContext) {
            record(requestContext.operation?.name?.value);
          },
        };
      },
    },
  };
}
