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
}

export interface RevocationFeedOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** How long tokens are still honoured after the list was last known complete (a Redis blip). Default 3 s. */
  graceMs?: number;
  /** How often the subscription is confirmed alive while tokens are being checked. Default 1 s. */
  heartbeatMs?: number;
  /** With no token checked for `idleAfterMs` (default 30 s), it is confirmed every `idleHeartbeatMs` (default 15 s). */
  idleAfterMs?: number;
  idleHeartbeatMs?: number;
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
 * The list is complete only while the subscription is alive, checked by a
 * ping every `heartbeatMs`; a process that has checked no token for a while
 * pings seldom (an idle stack costs next to nothing), and its first check
 * after that pings at once, so the same grace bounds what it may have
 * missed. Once the connection has been lost, or a ping
 * left unanswered, for `graceMs` (Redis down, a half-open connection), user
 * tokens are refused: in a healthcare system an unreachable revocation list
 * must not let a deactivated or demoted user in. Before the first load
 * nothing is honoured.
 */
export class RevocationFeed implements RevocationCheck {
  private readonly marks = new Map<string, Revocation>();
  private readonly graceMs: number;
  private readonly heartbeatMs: number;
  private readonly idleAfterMs: number;
  private readonly idleHeartbeatMs: number;
  /** When a token was last checked, and when the last ping was sent. */
  private lastUsedAt = Number.NEGATIVE_INFINITY;
  private lastPingAt = Number.NEGATIVE_INFINITY;
  private subscriber: Redis | undefined;
  private reader: Redis | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Numbers each connection of the subscriber, so that work begun for an older one confirms nothing. */
  private connection = 0;
  private loadedConnection = -1;
  private everLoaded = false;
  /** When the list was last known complete before the current connection was lost. */
  private lostAt = Number.NEGATIVE_INFINITY;
  /** When the ping now awaiting its answer was sent. */
  private pingSince: number | undefined;
  private firstLoaded: () => void = () => undefined;
  private warned = false;
  private stopped = false;

  constructor(private readonly options: RevocationFeedOptions) {
    this.graceMs = options.graceMs ?? 3000;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.idleAfterMs = options.idleAfterMs ?? 30_000;
    this.idleHeartbeatMs = options.idleHeartbeatMs ?? 15_000;
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
      // An unanswered ping means contact was lost when it was sent.
      if (this.live()) this.lostAt = this.pingSince ?? Date.now();
      this.pingSince = undefined;
      this.connection += 1;
    });
    subscriber.on('ready', () => void this.load(this.connection));
    subscriber.on('message', (_channel: string, message: string) => this.hear(message));
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    const loaded = new Promise<void>((resolve) => (this.firstLoaded = resolve));
    subscriber.connect().catch(() => undefined);
    reader.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([loaded, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]).finally(() =>
      clearTimeout(timer),
    );
  }

  assertCurrent(principal: UserPrincipal, now = Date.now()): void {
    // Back in use after a quiet spell: confirm the subscription now rather than at the next idle beat.
    if (now - this.lastUsedAt > this.idleAfterMs && now - this.lastPingAt > this.heartbeatMs) this.ping(now);
    this.lastUsedAt = now;
    if (!this.available(now))
      throw new AppError('UNAUTHENTICATED', SESSION_CHECK_UNAVAILABLE_MESSAGE, { reason: 'SESSION_CHECK_UNAVAILABLE' });
    const mark = this.marks.get(principal.userId);
    if (mark && mark.until > now && (principal.issuedAtMs ?? 0) < mark.before) {
      throw new AppError('UNAUTHENTICATED', SESSION_REVOKED_MESSAGE, { reason: 'SESSION_REVOKED' });
    }
  }

  /**
   * True while the list is known complete, or was less than `graceMs` ago.
   * Measured from what went unanswered (a ping, a lost connection), not from
   * the last answer: a process whose event loop stalled a few seconds under
   * load has missed nothing and refuses no one for it.
   */
  available(now = Date.now()): boolean {
    if (!this.everLoaded) return false;
    if (this.live()) return this.pingSince === undefined || now - this.pingSince <= this.graceMs;
    return now - this.lostAt <= this.graceMs;
  }

  private live(): boolean {
    return this.loadedConnection === this.connection;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
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
        const all = await this.reader!.hgetall(revocationKey(this.options.prefix));
        if (connection !== this.connection) return;
        for (const [userId, value] of Object.entries(all)) {
          const revocation = parseRevocation(value);
          if (revocation) this.merge(userId, revocation);
        }
        this.loadedConnection = connection;
        this.lastPingAt = Date.now(); // the load has just confirmed the connection
        this.everLoaded = true;
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

  /**
   * Confirms the subscription is alive with a ping (Redis answers pings on a
   * subscribed connection); one that stays unanswered past the grace is a
   * half-open connection, dropped so that ioredis reconnects and reloads.
   * Also forgets revocations whose tokens have all expired.
   */
  private beat(): void {
    const now = Date.now();
    for (const [userId, mark] of this.marks) if (mark.until <= now) this.marks.delete(userId);
    const idle = now - this.lastUsedAt > this.idleAfterMs;
    if (idle && now - this.lastPingAt < this.idleHeartbeatMs && this.pingSince === undefined) return;
    this.ping(now);
  }

  private ping(now: number): void {
    const subscriber = this.subscriber;
    if (!subscriber || !this.live() || subscriber.status !== 'ready') return;
    if (this.pingSince !== undefined) {
      if (now - this.pingSince > this.graceMs) subscriber.disconnect(true);
      return;
    }
    const connection = this.connection;
    this.pingSince = now;
    this.lastPingAt = now;
    subscriber.ping().then(
      () => {
        if (connection === this.connection) this.pingSince = undefined;
      },
      () => undefined, // the connection is gone: 'close' has handled it
    );
  }
}
