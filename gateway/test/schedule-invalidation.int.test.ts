import { createLogger, createRedis, directoryChannel, scheduleChannel } from '@carebook/platform';
import { listenForScheduleChanges } from '../src/public-cache/schedule-invalidation';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('schedule changes published by the services clear the gateway cache', () => {
  it('is live once subscribed, and hears every change on its own prefix only', async () => {
    const prefix = `invalidation-${Date.now()}`;
    let changes = 0;
    const listener = listenForScheduleChanges(REDIS_URL, prefix, createLogger('test', 'silent'), () => (changes += 1));
    const publisher = createRedis(REDIS_URL);
    try {
      await until(() => listener.live());
      const afterSubscribe = changes; // a (re)subscription counts as a change: what happened before is unknown
      expect(afterSubscribe).toBe(1);
      // One publisher, so Redis delivers in publishing order: had the other prefix's change been heard, it came before the second of ours.
      await publisher.publish(scheduleChannel(`${prefix}-other`), JSON.stringify({ type: 'SLOT_BOOKED' }));
      await publisher.publish(scheduleChannel(prefix), JSON.stringify({ type: 'SLOT_BOOKED' }));
      await publisher.publish(scheduleChannel(prefix), JSON.stringify({ type: 'SLOT_RELEASED' }));
      await until(() => changes >= afterSubscribe + 2);
      expect(changes).toBe(afterSubscribe + 2);
    } finally {
      await listener.close();
      publisher.disconnect();
    }
    expect(listener.live()).toBe(false);
  });

  it("also hears the doctor service's directory changes (a doctor deactivated, a service retired)", async () => {
    const prefix = `invalidation-directory-${Date.now()}`;
    let changes = 0;
    const listener = listenForScheduleChanges(REDIS_URL, prefix, createLogger('test', 'silent'), () => (changes += 1));
    const publisher = createRedis(REDIS_URL);
    try {
      await until(() => listener.live());
      await publisher.publish(directoryChannel(prefix), JSON.stringify({ kind: 'doctor', id: 'd1' }));
      await until(() => changes === 2);
    } finally {
      await listener.close();
      publisher.disconnect();
    }
  });

  it('is not live while Redis cannot be reached, so nothing is served from the cache', async () => {
    const listener = listenForScheduleChanges(
      'redis://127.0.0.1:1',
      'unreachable',
      createLogger('test', 'silent'),
      () => undefined,
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(listener.live()).toBe(false);
    } finally {
      await listener.close();
    }
  });
});
