import { DomainEvent, Logger, scheduleChannel } from '@carebook/platform';
import Redis from 'ioredis';
import { ChangeQueue } from './change-queue';
import { scheduleChangeOf, ScheduleChangeFacts } from './schedule-change';

export interface Audience {
  /** A doctor's id, or null for every schedule (admins). */
  doctorId: string | null;
  /** When the subscriber's token expires (ms since the epoch): the subscription ends then. */
  expiresAt?: number;
}

/**
 * The schedule changes this gateway instance hears on Redis pub/sub (a
 * dedicated subscriber connection: ioredis allows no other command on it),
 * routed to the subscriptions that follow the doctor concerned or all
 * doctors. Every instance runs its own feed and serves its own subscribers.
 * The outbox relay publishes at least once, so an event id seen recently is
 * dropped: a subscriber never receives a change twice.
 */
export class ChangeFeed {
  private readonly byDoctor = new Map<string, Set<ChangeQueue>>();
  private readonly everyDoctor = new Set<ChangeQueue>();
  private readonly seen = new Set<string>();
  private redis: Redis | undefined;
  /** lagMs*: from the change's commit (occurredAt) to this instance hearing it, i.e. the outbox relay and Redis. */
  readonly stats = { events: 0, duplicates: 0, routed: 0, lagMsTotal: 0, lagMsMax: 0 };

  constructor(
    private readonly options: {
      redisUrl: string;
      prefix: string;
      logger: Logger;
      queueLimit?: number;
      seenLimit?: number;
    },
  ) {}

  /** Connects and subscribes; resolves once subscribed, or after `waitMs` while Redis is away (it keeps trying). */
  async start(waitMs = 5000): Promise<void> {
    const redis = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.redis = redis;
    let warned = false;
    redis.on('error', (error) => {
      if (!warned)
        this.options.logger.warn(
          { err: error.message },
          'live schedule feed: Redis is unreachable; retrying (changes published meanwhile are missed)',
        );
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    redis.on('message', (_channel: string, message: string) => this.hear(message));
    const subscribed = redis.subscribe(scheduleChannel(this.options.prefix));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([subscribed, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]).finally(() =>
      clearTimeout(timer),
    );
  }

  /** A subscription's queue; it leaves the feed when graphql-ws returns it. */
  follow(audience: Audience): ChangeQueue {
    const set = audience.doctorId === null ? this.everyDoctor : this.setOf(audience.doctorId);
    const queue = new ChangeQueue(
      this.options.queueLimit ?? 1000,
      () => {
        set.delete(queue);
        if (audience.doctorId !== null && set.size === 0) this.byDoctor.delete(audience.doctorId);
      },
      audience.expiresAt,
    );
    set.add(queue);
    return queue;
  }

  get subscriptions(): number {
    let count = this.everyDoctor.size;
    for (const set of this.byDoctor.values()) count += set.size;
    return count;
  }

  /** Routes one published event (exposed for tests that feed events directly). */
  hear(message: string): void {
    let event: DomainEvent;
    try {
      event = JSON.parse(message) as DomainEvent;
    } catch {
      this.options.logger.warn('live schedule feed: ignored a message that is not JSON');
      return;
    }
    this.stats.events += 1;
    const lag = Date.now() - Date.parse(event.occurredAt);
    if (lag >= 0) {
      this.stats.lagMsTotal += lag;
      this.stats.lagMsMax = Math.max(this.stats.lagMsMax, lag);
    }
    if (this.seen.has(event.id)) {
      this.stats.duplicates += 1;
      return;
    }
    this.remember(event.id);
    const change = scheduleChangeOf(event);
    if (change) this.route(change);
  }

  async stop(): Promise<void> {
    for (const queue of [...this.everyDoctor, ...[...this.byDoctor.values()].flatMap((set) => [...set])])
      void queue.return();
    // disconnect, not quit: a subscriber has nothing to flush, and quit waits forever while Redis is unreachable.
    this.redis?.disconnect();
  }

  private route(change: ScheduleChangeFacts): void {
    for (const queue of this.byDoctor.get(change.doctorId) ?? []) {
      queue.push(change);
      this.stats.routed += 1;
    }
    for (const queue of this.everyDoctor) {
      queue.push(change);
      this.stats.routed += 1;
    }
  }

  private setOf(doctorId: string): Set<ChangeQueue> {
    let set = this.byDoctor.get(doctorId);
    if (!set) this.byDoctor.set(doctorId, (set = new Set()));
    return set;
  }

  private remember(id: string): void {
    this.seen.add(id);
    // A Set iterates in insertion order: dropping the first entry forgets the oldest id.
    if (this.seen.size > (this.options.seenLimit ?? 20_000))
      this.seen.delete(this.seen.values().next().value as string);
  }
}
