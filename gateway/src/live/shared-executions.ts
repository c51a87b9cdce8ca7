/** What one federated execution answered (errors as the gateway formatted them). */
export interface FederatedResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}

/**
 * One computation per change per key: the first subscriber to ask runs it,
 * everyone with the same key awaits the same promise. Entries live for one
 * to two windows (two generations of maps swapped every `windowMs`), long
 * enough for every subscriber of a change to be served, short enough to
 * hold little memory. A failure becomes the value `onError` makes of it.
 */
export class SharedResults<T> {
  private current = new Map<string, Promise<T>>();
  private previous = new Map<string, Promise<T>>();
  private readonly timer: NodeJS.Timeout;
  readonly stats = { executions: 0, shared: 0, durationMsTotal: 0, durationMsMax: 0 };

  constructor(
    private readonly onError: (error: Error) => T,
    windowMs = 15_000,
  ) {
    this.timer = setInterval(() => {
      this.previous = this.current;
      this.current = new Map();
    }, windowMs);
    this.timer.unref();
  }

  run(key: string, execute: () => Promise<T>): Promise<T> {
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
      .catch((error: Error) => this.onError(error));
    this.current.set(key, running);
    return running;
  }

  stop(): void {
    clearInterval(this.timer);
    this.current.clear();
    this.previous.clear();
  }
}

/** Federated executions: one per change per distinct (query, variables, access scope). */
export class SharedExecutions extends SharedResults<FederatedResult> {
  constructor(windowMs?: number) {
    super(
      (error) => ({ data: null, errors: [{ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
      windowMs,
    );
  }
}
