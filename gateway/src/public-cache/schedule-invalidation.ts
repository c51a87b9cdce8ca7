import { createRedis, Logger, scheduleChannel } from '@carebook/platform';

export interface ScheduleInvalidation {
  /** True while subscribed: only then can cached schedule answers be trusted. */
  live(): boolean;
  close(): Promise<void>;
}

/**
 * Listens to the schedule changes every service's outbox publishes on Redis
 * and calls `onChange` for each. While the subscription is down `live()` is
 * false, and on every (re)subscription `onChange` runs too: changes made
 * while we were not listening are unknown.
 */
export function listenForScheduleChanges(redisUrl: string, prefix: string, logger: Logger, onChange: () => void): ScheduleInvalidation {
  // A connection in subscriber mode can do nothing else: it is ours alone. It waits for Redis rather than failing.
  const subscriber = createRedis(redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: null });
  let subscribed = false;
  const channel = scheduleChannel(prefix);
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        onChange();
      },
      (error: Error) => logger.warn({ err: error.message }, 'could not subscribe to schedule changes'),
    );
  });
  subscriber.on('close', () => {
    if (subscribed) logger.warn('schedule change subscription lost; schedule answers are not cached until it is back');
    subscribed = false;
  });
  subscriber.on('error', () => undefined); // reconnects on its own; 'close' above reports it once
  subscriber.on('message', () => onChange());
  return {
    live: () => subscribed && subscriber.status === 'ready',
    async close() {
      subscribed = false;
      subscriber.disconnect();
    },
  };
}
