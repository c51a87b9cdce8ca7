import { createLogger } from '../src/logger';
import { directoryAnnouncer, listenForDirectoryChanges } from '../src/events';

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
