import Redis from 'ioredis';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-errors';
import type { Principal } from './role';
import {
  parseRevocation,
  parseRevocationMessage,
  Revocation,
  revocationChannel,
  revocationKey,
} from './token-revocations';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** What a token verifier asks before it honours a user's token. */
export interface RevocationCheck {
  /**
   * Throws UNAUTHENTICATED when the user's tokens issued before this one's
   * time were revoked, or when this process cannot know right now whether
   * they were (see RevocationFeed).
   */
  assertCurrent(principal: UserPrincipal, now?: number): void;
  /**
   * The same, but first confirms the list when nothing has confirmed it
   * lately (an idle process sends no pings): one Redis round trip on the
   * first request after a quiet spell instead of a ping every second.
   */
  confirmCurrent(principal: UserPrincipal): Promise<void>;
}

export interface RevocationFeedOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** How long a ping may stay unanswered (a Redis blip) before the connection is taken for lost. Default 3 s. */
  graceMs?: number;
  /** How often the subscription is confirmed alive while tokens are being checked. Default 1 s. */
  heartbeatMs?: number;
  /** With no token checked for this long, pings stop until the next check. Default 10 s. */
  idleAfterMs?: number;
}

export const SESSION_REVOKED_MESSAGE =
  'Your session has ended (you signed out everywhere, your password or role changed, or the account was deactivated); sign in again.';
export const SESSION_CHECK_UNAVAILABLE_MESSAGE =
  'Your session cannot be checked right now (the session service is unreachable), so it is not accepted; try again in a moment.';

/**
 * The revocations every process that verifies tokens keeps in memory: loaded
 * from auth's hash in Redis on every (re)connect, then kept current from the
 * channel auth publishes on (a dedicated subscriber connection). Subscribing
 * comes first and the hash is read after it, on a second connection, so no
 * revocation falls between the two.
 *
 * The list is complete only while the subscription is alive, confirmed by
 * pings (Redis answers a ping only after every message published before
 * it). A user token is honoured only while the list was confirmed complete
 * less than `heartbeatMs + graceMs` ago (4 s by default): a revocation
 * applies at once while Redis is reachable, and within that bound on a
 * lost or half-open connection; then user tokens are refused, since in a
 * healthcare system an unreachable revocation list must not let a
 * deactivated or demoted user in. Before the first load nothing is honoured.
 *
 * Pings run every `heartbeatMs` only while tokens are being checked (and
 * stop `idleAfterMs` after the last check), so an idle process does not
 * wake up for them; the first check after a quiet spell confirms the list
 * with one ping (`confirmCurrent`) before it decides.
 */
export class RevocationFeed implements RevocationCheck {
  private readonly marks = new Map<string, Revocation>();
  private readonly graceMs: number;
  private readonly heartbeatMs: number;
  private readonly idleAfterMs: number;
  private subscriber: Redis | undefined;
  private reader: Redis | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Numbers each connection of the subscriber, so that work begun for an older one confirms nothing. */
  private connection = 0;
  private loadedConnection = -1;
  private everLoaded = false;
  /** The list was complete as of this time (when the last answered ping, or the last load, was sent). */
  private confirmedAt = Number.NEGATIVE_INFINITY;
  /** The ping now awaiting its answer, if any: whether it was answered in time. */
  private pending: Promise<boolean> | undefined;
  /** When a token was last checked: pings run while this is recent. */
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  private firstLoaded: () => void = () => undefined;
  private warned = false;
  private stopped = false;

  constructor(private readonly options: RevocationFeedOptions) {
    this.graceMs = options.graceMs ?? 3000;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.idleAfterMs = options.idleAfterMs ?? 10_000;
  }

  /** Connects and loads; resolves once loaded, or after `waitMs` while Redis is away (it keeps trying, refusing user tokens meanwhile). */
  async start(waitMs = 5000): Promise<void> {
    const { redisUrl, logger } = this.options;
    const subscriber = new Redis(redisUrl, { autoResubscribe: false, maxRetriesPerRequest: null, lazyConnect: true });
    const reader = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
    this.subscriber = subscriber;
    this.reader = reader;
    reader.on('error', () => undefined); // a failed load is retried below
    subscriber.on('error', (error) => {
      if (!this.warned)
        logger.warn(
          { err: error.message },
          'revocation feed: Redis is unreachable; user tokens are refused until it is back',
        );
      this.warned = true;
    });
    subscriber.on('close', () => {
      this.pending = undefined;
      this.connection += 1;
    });
    subscriber.on('ready', () => void this.load(this.connection));
    subscriber.on('message', (_channel: string, message: string) => this.hear(message));
    const loaded = new Promise<void>((resolve) => (this.firstLoaded = resolve));
    subscriber.connect().catch(() => undefined);
    reader.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([loaded, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]).finally(() =>
      clearTimeout(timer),
    );
  }

  assertCurrent(principal: UserPrincipal, now = Date.now()): void {
    this.noteCheck(now);
    if (!this.available(now))
      throw new AppError('UNAUTHENTICATED', SESSION_CHECK_UNAVAILABLE_MESSAGE, { reason: 'SESSION_CHECK_UNAVAILABLE' });
    const mark = this.marks.get(principal.userId);
    if (mark && mark.until > now && (principal.issuedAtMs ?? 0) < mark.before) {
      throw new AppError('UNAUTHENTICATED', SESSION_REVOKED_MESSAGE, { reason: 'SESSION_REVOKED' });
    }
  }

  async confirmCurrent(principal: UserPrincipal): Promise<void> {
    // Waits at most `graceMs` for the ping; unanswered, the connection is dropped and the check refuses.
    if (!this.available() && this.live()) await this.ping();
    this.assertCurrent(principal);
  }

  /**
   * True while the list was confirmed complete less than `heartbeatMs +
   * graceMs` ago. Measured from when the confirming ping was sent, not from
   * when its answer was read: a process whose event loop stalled under load
   * has missed nothing for it (and `confirmCurrent` confirms it again).
   */
  available(now = Date.now()): boolean {
    return this.everLoaded && now - this.confirmedAt <= this.heartbeatMs + this.graceMs;
  }

  private live(): boolean {
    return this.loadedConnection === this.connection && this.subscriber?.status === 'ready';
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    // disconnect, not quit: nothing to flush, and quit waits while Redis is unreachable.
    this.subscriber?.disconnect();
    this.reader?.disconnect();
  }

  /** Subscribes, then reads the hash; retried until it works or the connection changes. */
  private async load(connection: number): Promise<void> {
    const subscriber = this.subscriber!;
    while (!this.stopped && connection === this.connection) {
      try {
        await subscriber.subscribe(revocationChannel(this.options.prefix));
        // Complete as of the subscription: what is published after it arrives, what came before is in the hash.
        const subscribedAt = Date.now();
        const all = await this.reader!.hgetall(revocationKey(this.options.prefix));
        if (connection !== this.connection) return;
        for (const [userId, value] of Object.entries(all)) {
          const revocation = parseRevocation(value);
          if (revocation) this.merge(userId, revocation);
        }
        this.loadedConnection = connection;
        this.everLoaded = true;
        this.confirmedAt = Math.max(this.confirmedAt, subscribedAt);
        this.firstLoaded();
        if (this.warned) this.options.logger.info('revocation feed: connected again; user tokens are accepted');
        this.warned = false;
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private hear(message: string): void {
    const parsed = parseRevocationMessage(message);
    if (parsed) this.merge(parsed.userId, parsed.revocation);
    else this.options.logger.warn('revocation feed: ignored a malformed message');
  }

  private merge(userId: string, revocation: Revocation): void {
    const known = this.marks.get(userId);
    if (!known || known.before < revocation.before) this.marks.set(userId, revocation);
    else if (known.until < revocation.until) known.until = revocation.until;
  }

  /** A token check: keeps (or starts again) the heartbeat, which stops itself once checks stop. */
  private noteCheck(now: number): void {
    this.lastCheckAt = now;
    if (this.heartbeat || this.stopped) return;
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Confirms the list while tokens are checked, so checks never wait for a
   * ping; stops when they have stopped for `idleAfterMs`. Also forgets
   * revocations whose tokens have all expired.
   */
  private beat(): void {
    const now = Date.now();
    for (const [userId, mark] of this.marks) if (mark.until <= now) this.marks.delete(userId);
    if (now - this.lastCheckAt > this.idleAfterMs) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
      return;
    }
    if (this.live()) void this.ping();
  }

  /**
   * One ping at a time on the subscribed connection (Redis answers pings
   * there); answered, the list is confirmed as of its sending. One left
   * unanswered past the grace is a half-open connection: dropped, so that
   * ioredis reconnects and reloads. Resolves whether it was answered.
   */
  private ping(): Promise<boolean> {
    if (this.pending) return this.pending;
    const subscriber = this.subscriber!;
    const connection = this.connection;
    const since = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const unanswered = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        if (connection === this.connection) subscriber.disconnect(true);
        resolve(false);
      }, this.graceMs);
      timer.unref();
    });
    const answered = subscriber.ping().then(
      () => {
        if (connection !== this.connection) return false;
        this.confirmedAt = Math.max(this.confirmedAt, since);
        return true;
      },
      () => false, // the connection is gone: 'close' has handled it
    );
    const pending: Promise<boolean> = Promise.race([answered, unanswered]).finally(() => {
      clearTimeout(timer);
      if (this.pending === pending) this.pending = undefined;
    });
    this.pending = pending;
    return pending;
  }
}
