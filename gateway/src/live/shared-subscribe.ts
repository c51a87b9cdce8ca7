import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, GraphQLError, print } from 'graphql';
import type { QueueItem } from './change-queue';
import { accessScopeOf } from './live-access';
import type { LiveContext } from './live-schema';
import { SharedResults } from './shared-executions';

/**
 * graphql-ws's `subscribe`, sharing whole results: graphql-js would execute
 * the subscription document once per subscriber per change (a few ms each
 * on a slow machine, 40 per change for the benchmark's audience). Here the
 * document is executed once per change per distinct (document, variables,
 * access scope) and every subscriber with the same triple is sent the same
 * result. The source stream (rights checked, feed followed) is still one
 * per subscription; only the mapping of its changes to results is shared.
 */
export function sharedSubscribe(stats: { deliveries: number }) {
  const results = new SharedResults<ExecutionResult>((error) => ({
    errors: [new GraphQLError(error.message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
  }));
  const subscribe = async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const source = stream as AsyncIterableIterator<QueueItem>;
    const viewer = (args.contextValue as LiveContext).viewer!;
    const audience = `${accessScopeOf(viewer)}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${print(args.document)}`;
    const render = (item: QueueItem): Promise<ExecutionResult> | ExecutionResult => {
      stats.deliveries += 1;
      // The end of a subscription (expired token, too slow) is its own; changes are shared.
      if (!('change' in item)) return execute({ ...args, rootValue: item });
      return results.run(`${item.change.eventId}\n${audience}`, async () => execute({ ...args, rootValue: item }));
    };
    return renderAhead(source, render);
  };
  return { subscribe, results };
}

/** How many changes one subscription renders ahead of what its socket has taken. */
const AHEAD = 200;

/**
 * Maps a subscription's changes to results, starting each one's rendering as
 * soon as it arrives instead of when the previous result has been sent: a
 * change's execution is shared by all its audience and takes a while, and
 * rendering one change at a time would cap a busy audience at one change
 * per execution time. Results still go out in order. At most AHEAD results
 * wait; beyond that the source's own bound ends a reader that cannot keep up.
 * A plain iterator, not an async generator: return() must reach the source
 * at once, even while next() waits.
 */
function renderAhead(
  source: AsyncIterableIterator<QueueItem>,
  render: (item: QueueItem) => Promise<ExecutionResult> | ExecutionResult,
): AsyncIterableIterator<ExecutionResult> {
  const ahead: Array<Promise<ExecutionResult>> = [];
  let finished = false;
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  void (async () => {
    for (;;) {
      while (ahead.length >= AHEAD && !finished) await new Promise<void>((resolve) => (room = resolve));
      const step = await source.next();
      if (step.done || finished) break;
      ahead.push(Promise.resolve(render(step.value)));
      signal();
    }
    finished = true;
    signal();
  })();
  return {
    async next() {
      while (ahead.length === 0) {
        if (finished) return { done: true, value: undefined };
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const value = await ahead.shift()!;
      room?.();
      room = undefined;
      return { done: false, value };
    },
    async return() {
      finished = true;
      ahead.length = 0;
      signal();
      room?.();
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await this.return!();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
