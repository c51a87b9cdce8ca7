/** What one federated execution answered (errors as the gateway formatted them). */
export interface FederatedResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/**
 * One execution per change per distinct (query, variables, access scope):
 * the first subscriber to ask runs it, everyone with the same key awaits the
 * same promise. Entries live for one to two windows (two generations of
 * maps swapped every `windowMs`), long enough for every subscriber of a
 * change to be served, short enough to hold little memory.
 */
export class SharedExecutions {
  private current = new Map<string, Promise<FederatedResult>>();
  private previous = new Map<string, Promise<FederatedResult>>();
  private readonly timer: NodeJS.Timeout;
  readonly stats = { executions: 0, shared: 0, durationMsTotal: 0, durationMsMax: 0 };

  constructor(windowMs = 15_000) {
    this.timer = setInterval(() => {
      this.previous = this.current;
      this.current = new Map();
    }, windowMs);
    this.timer.unref();
  }

  run(key: string, execute: () => Promise<FederatedResult>): Promise<FederatedResult> {
    const found = this.current.get(key) ?? this.previous.get(key);
    if (found) {
      this.stats.shared += 1;
      return found;
    }
    this.stats.executions += 1;
    const started = performance.now();
    const running = execute()
      .finally(() => {
        const took = performance.now() - started;
        this.stats.durationMsTotal += took;
        this.stats.durationMsMax = Math.max(this.stats.durationMsMax, took);
      })
      .catch((error: Error) => ({ data: null, errors: [{ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    this.current.set(key, running);
    return running;
  }

  stop(): void {
    clearInterval(this.timer);
    this.current.clear();
    this.previous.clear();
  }
}
