import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logger';
import { RevocationFeed, SESSION_CHECK_UNAVAILABLE_MESSAGE, SESSION_REVOKED_MESSAGE } from './revocation-feed';
import { createRevocationWriter, RevocationWriter } from './revocation-writer';
import { Role } from './role';
import { createTokenVerifier } from './token-verifier';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('revocation-test', 'silent');
const user = (userId: string, issuedAtMs: number) => ({
  kind: 'user' as const,
  userId,
  role: Role.PATIENT,
  token: 't',
  issuedAtMs,
});

/** Polls until `check` stops throwing (or the deadline passes, then throws its last error). */
async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A TCP proxy in front of Redis that the test can cut and restore, as a network failure would. */
async function cuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let open = true;
  let frozen = false;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    // Frozen: bytes are dropped and nothing closes, as on a half-open connection.
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze: () => void (frozen = true),
    cut() {
      open = false;
      frozen = false;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => void (open = true),
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('token revocations against real Redis', () => {
  const prefix = `test-revocations-${process.pid}-${Date.now()}`;
  let writer: RevocationWriter;
  const feeds: RevocationFeed[] = [];
  const startFeed = async (options: Partial<ConstructorParameters<typeof RevocationFeed>[0]> = {}, waitMs?: number) => {
    const feed = new RevocationFeed({ redisUrl: REDIS_URL, prefix, logger, ...options });
    feeds.push(feed);
    await feed.start(waitMs);
    return feed;
  };

  beforeAll(() => {
    writer = createRevocationWriter(REDIS_URL, prefix, 60_000);
  });

  afterAll(async () => {
    await Promise.all(feeds.map((feed) => feed.stop()));
    writer.close();
  });

  it('refuses tokens issued before a revocation published after the feed started, and accepts those issued after', async () => {
    const feed = await startFeed();
    const userId = randomUUID();
    const before = Date.now();
    feed.assertCurrent(user(userId, before - 1));
    await writer.revokeTokensOf(userId, before);
    await eventually(() => expect(() => feed.assertCurrent(user(userId, before - 1))).toThrow(SESSION_REVOKED_MESSAGE));
    expect(() => feed.assertCurrent(user(userId, before))).not.toThrow();
    expect(() => feed.assertCurrent(user(randomUUID(), before - 1))).not.toThrow();
  });

  it('loads the revocations recorded before it started', async () => {
    const userId = randomUUID();
    const before = Date.now();
    await writer.revokeTokensOf(userId, before);
    const feed = await startFeed();
    try {
      feed.assertCurrent(user(userId, before - 5));
      throw new Error('a token issued before the revocation was accepted');
    } catch (error) {
      expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' } });
    }
  });

  it('keeps the later of two revocations, whatever order they arrive in', async () => {
    const feed = await startFeed();
    const userId = randomUUID();
    const later = Date.now();
    await writer.revokeTokensOf(userId, later);
    await writer.revokeTokensOf(userId, later - 10_000);
    const late = await startFeed();
    for (const f of [feed, late]) {
      await eventually(() => expect(() => f.assertCurrent(user(userId, later - 1))).toThrow(SESSION_REVOKED_MESSAGE));
    }
  });

  it('forgets a revocation once every token it voids has expired', async () => {
    const shortLived = createRevocationWriter(REDIS_URL, prefix, 300);
    try {
      const feed = await startFeed();
      const userId = randomUUID();
      const before = Date.now();
      await shortLived.revokeTokensOf(userId, before);
      await eventually(() =>
        expect(() => feed.assertCurrent(user(userId, before - 1))).toThrow(SESSION_REVOKED_MESSAGE),
      );
      await eventually(() => expect(() => feed.assertCurrent(user(userId, before - 1))).not.toThrow());
    } finally {
      shortLived.close();
    }
  });

  it('makes the verifier refuse a token it had remembered, from the moment it is revoked', async () => {
    const feed = await startFeed();
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const verifier = createTokenVerifier(
      { jwksUrl: 'http://127.0.0.1:1/unused', issuer: 'carebook-auth', audience: 'carebook' },
      createLocalJWKSet({ keys: [jwk] }),
      feed,
    );
    const userId = randomUUID();
    const sign = (issuedAtMs: number) =>
      new SignJWT({ role: 'DOCTOR', iat_ms: issuedAtMs })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer('carebook-auth')
        .setAudience('carebook')
        .setSubject(userId)
        .setIssuedAt(Math.floor(issuedAtMs / 1000))
        .setExpirationTime('15m')
        .sign(privateKey);
    const old = await sign(Date.now());
    expect(await verifier.verify(old)).toMatchObject({ kind: 'user', userId });
    // A token issued within the same second as the revocation but after it stays valid: the claim has milliseconds.
    const revokedAt = Date.now() + 1;
    await writer.revokeTokensOf(userId, revokedAt);
    await eventually(() =>
      expect(verifier.verify(old)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' },
      }),
    );
    await expect(verifier.verify(old)).rejects.toMatchObject({ message: SESSION_REVOKED_MESSAGE });
    const fresh = await sign(revokedAt);
    expect(await verifier.verify(fresh)).toMatchObject({ userId, issuedAtMs: revokedAt });
  });

  it('refuses user tokens while Redis is unreachable beyond the grace, and catches up when it is back', async () => {
    const proxy = await cuttableProxy(new URL(REDIS_URL));
    try {
      const feed = await startFeed({ redisUrl: proxy.url, graceMs: 500, heartbeatMs: 100 });
      const userId = randomUUID();
      const issuedAt = Date.now();
      feed.assertCurrent(user(userId, issuedAt));

      proxy.cut();
      // Revoked while this process cannot hear it.
      await writer.revokeTokensOf(userId, issuedAt + 1);
      await eventually(() =>
        expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).toThrow(SESSION_CHECK_UNAVAILABLE_MESSAGE),
      );

      proxy.restore();
      // Back: the hash is read again, so the revocation made meanwhile is known, and other users are accepted.
      await eventually(() => expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).not.toThrow(), 10_000);
      expect(() => feed.assertCurrent(user(userId, issuedAt))).toThrow(SESSION_REVOKED_MESSAGE);
    } finally {
      await proxy.close();
    }
  });

  it('notices a connection that hangs without closing (no answer to its pings) and refuses user tokens', async () => {
    const proxy = await cuttableProxy(new URL(REDIS_URL));
    try {
      const feed = await startFeed({ redisUrl: proxy.url, graceMs: 500, heartbeatMs: 100 });
      feed.assertCurrent(user(randomUUID(), Date.now()));
      proxy.freeze();
      await eventually(() =>
        expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).toThrow(SESSION_CHECK_UNAVAILABLE_MESSAGE),
      );
      proxy.cut();
      proxy.restore();
      await eventually(() => expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).not.toThrow(), 10_000);
    } finally {
      await proxy.close();
    }
  });

  it('pings seldom while no token is checked, and at once on the first check after that', async () => {
    const proxy = await cuttableProxy(new URL(REDIS_URL));
    try {
      const feed = await startFeed({
        redisUrl: proxy.url,
        graceMs: 300,
        heartbeatMs: 50,
        idleAfterMs: 200,
        idleHeartbeatMs: 60_000,
      });
      feed.assertCurrent(user(randomUUID(), Date.now()));
      await new Promise((resolve) => setTimeout(resolve, 400)); // idle now: no ping is due for a minute
      proxy.freeze();
      await new Promise((resolve) => setTimeout(resolve, 600)); // past the grace, but nothing went unanswered
      expect(feed.available()).toBe(true);
      // The first check after the quiet spell is honoured and pings; its ping goes unanswered, so the next are refused.
      feed.assertCurrent(user(randomUUID(), Date.now()));
      await eventually(() =>
        expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).toThrow(SESSION_CHECK_UNAVAILABLE_MESSAGE),
      );
    } finally {
      await proxy.close();
    }
  });

  it('refuses nobody because its own event loop stalled (a busy process has missed nothing)', async () => {
    // No ping is due during the test, so none is left unanswered by the stall.
    const feed = await startFeed({ graceMs: 300, heartbeatMs: 60_000 });
    const stalledUntil = Date.now() + 1000;
    while (Date.now() < stalledUntil) {
      // busy, as under heavy load
    }
    expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).not.toThrow();
  });

  it('honours no user token before its first load, and starts honouring them once Redis can be reached', async () => {
    const proxy = await cuttableProxy(new URL(REDIS_URL));
    try {
      proxy.cut();
      const feed = await startFeed({ redisUrl: proxy.url }, 300);
      expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).toThrow(SESSION_CHECK_UNAVAILABLE_MESSAGE);
      proxy.restore();
      await eventually(() => expect(() => feed.assertCurrent(user(randomUUID(), Date.now()))).not.toThrow(), 10_000);
    } finally {
      await proxy.close();
    }
  });

  it('refuses the revocation itself when Redis cannot take it, so the caller can change nothing', async () => {
    const unreachable = createRevocationWriter('redis://127.0.0.1:9', prefix, 60_000);
    try {
      await expect(unreachable.revokeTokensOf(randomUUID())).rejects.toThrow();
    } finally {
      unreachable.close();
    }
  });
});
