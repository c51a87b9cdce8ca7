import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { createLogger } from '../src/logger';
import { createRedis } from '../src/redis';
import { directoryAnnouncer, directoryChannel, listenForDirectoryChanges } from '../src/events';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('test', 'silent');

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The doctor service's announcements reach every listener of the same prefix, and only those; Redis down loses nothing but speed. */
describe('directory changes over Redis pub/sub', () => {
  it('reaches the listeners of its prefix once they are live', async () => {
    const prefix = `directory-${Date.now()}`;
    let heard = 0;
    let other = 0;
    const listener = listenForDirectoryChanges(REDIS_URL, prefix, logger, () => (heard += 1));
    const stranger = listenForDirectoryChanges(REDIS_URL, `${prefix}-other`, logger, () => (other += 1));
    const announcer = directoryAnnouncer(REDIS_URL, prefix, logger);
    try {
      await until(() => listener.live() && stranger.live());
      expect([heard, other]).toEqual([1, 1]); // subscribing counts as a change: what happened before is unknown
      await announcer.announce({ kind: 'doctor', id: 'd1' });
      await until(() => heard === 2);
      await new Promise((r) => setTimeout(r, 100));
      expect([heard, other]).toEqual([2, 1]);
    } finally {
      await Promise.all([listener.close(), stranger.close(), announcer.close()]);
    }
    expect(listener.live()).toBe(false);
  });

  it('announces without throwing, and listens without being live, while Redis cannot be reached', async () => {
    const announcer = directoryAnnouncer('redis://127.0.0.1:1', 'unreachable', logger);
    const listener = listenForDirectoryChanges('redis://127.0.0.1:1', 'unreachable', logger, () => undefined);
    try {
      await expect(announcer.announce({ kind: 'medical-service', id: 's1' })).resolves.toBeUndefined();
      expect(listener.live()).toBe(false);
    } finally {
      await Promise.all([listener.close(), announcer.close()]);
    }
  });
});

/**
 * A TCP proxy to Redis that hands Redis's bytes on `delayMs` late (in
 * order): a listener behind it hears announcements after everybody else,
 * as one in a busy process would.
 */
async function lateRedis(delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const { port, hostname } = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream);
    upstream.on('data', (bytes) => setTimeout(() => client.write(bytes), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('an announcement answered only once its listeners have forgotten', () => {
  it('waits for a listener that hears it late', async () => {
    const prefix = `directory-late-${Date.now()}`;
    const proxy = await lateRedis(300);
    let heard = 0;
    const late = listenForDirectoryChanges(proxy.url, prefix, logger, () => (heard += 1));
    const announcer = directoryAnnouncer(REDIS_URL, prefix, logger);
    try {
      await until(() => late.live() && heard === 1 && announcer.live());
      const started = Date.now();
      await announcer.announce({ kind: 'medical-service', id: 's1' });
      // Heard before the announcement returned: without the acknowledgement it returns ~300 ms too early.
      expect(heard).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await Promise.all([late.close(), announcer.close()]);
      await proxy.close();
    }
  });

  it('gives up on a listener that never answers, after its bound, without throwing', async () => {
    const prefix = `directory-mute-${Date.now()}`;
    // A plain subscriber: Redis counts it as a receiver, but it acknowledges nothing.
    const mute = createRedis(REDIS_URL, { enableOfflineQueue: true });
    await mute.subscribe(directoryChannel(prefix));
    const announcer = directoryAnnouncer(REDIS_URL, prefix, logger, { publishMs: 1000, acknowledgeMs: 400 });
    try {
      await until(() => announcer.live());
      const started = Date.now();
      await expect(announcer.announce({ kind: 'doctor', id: 'd1' })).resolves.toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      mute.disconnect();
      await announcer.close();
    }
  });
});
