import { directoryChannel, listenOnChannels, Logger, scheduleChannel } from '@carebook/platform';
import type { ChannelListener } from '@carebook/platform';

export type ScheduleInvalidation = ChannelListener;

/**
 * Listens to the schedule changes every service's outbox publishes on Redis,
 * and to the doctor service's directory changes (a doctor deactivated or a
 * service retired leaves the calendars at once), and calls `onChange` for
 * each. While the subscription is down `live()` is false, and on every
 * (re)subscription `onChange` runs too: changes made while we were not
 * listening are unknown.
 */
export function listenForScheduleChanges(
  redisUrl: string,
  prefix: string,
  logger: Logger,
  onChange: () => void,
): ScheduleInvalidation {
  return listenOnChannels(
    redisUrl,
    [scheduleChannel(prefix), directoryChannel(prefix)],
    logger,
    onChange,
    'schedule changes',
  );
}
