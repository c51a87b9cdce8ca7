import type { ScheduleChangeFacts } from './schedule-change';

/** What a subscription's iterator yields: a change, or the reason it ends. */
export type QueueItem = { change: ScheduleChangeFacts } | { end: 'EXPIRED' | 'TOO_SLOW' };

/**
 * One subscriber's buffer between the shared feed and graphql-ws. Pushing
 * never waits: a subscriber whose socket drains slowly only grows its own
 * buffer, and one that falls `limit` changes behind is ended rather than
 * allowed to hold the gateway's memory. Each yielded item is a fresh object
 * (the execution's root value), so per-delivery state never leaks across
 * subscribers.
 */
export class ChangeQueue implements AsyncIterableIterator<QueueItem> {
  private readonly buffer: QueueItem[] = [];
  private waiting: ((result: IteratorResult<QueueItem>) => void) | undefined;
  private ending = false;
  private done = false;
  private readonly expiry: NodeJS.Timeout | undefined;

  /** `expiresAt` (ms): when the subscriber's token expires, the queue ends with EXPIRED. */
  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
    expiresAt?: number,
  ) {
    if (expiresAt !== undefined)
      this.expiry = setTimeout(() => this.end('EXPIRED'), Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1));
  }

  push(change: ScheduleChangeFacts): void {
    if (this.ending || this.done) return;
    if (this.buffer.length >= this.limit) return this.end('TOO_SLOW');
    this.deliver({ change });
  }

  /** Delivers the reason as a last item, then completes. */
  end(reason: 'EXPIRED' | 'TOO_SLOW'): void {
    if (this.ending || this.done) return;
    this.ending = true;
    this.buffer.length = 0;
    this.deliver({ end: reason });
  }

  get backlog(): number {
    return this.buffer.length;
  }

  next(): Promise<IteratorResult<QueueItem>> {
    const item = this.buffer.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.done || this.ending) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<QueueItem>> {
    if (!this.done) {
      this.done = true;
      clearTimeout(this.expiry);
      this.buffer.length = 0;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<QueueItem>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(item: QueueItem): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: { ...item }, done: false });
    } else {
      this.buffer.push({ ...item });
    }
  }
}
