import { BadUserInput, DomainEvent, EventConsumer, FieldSealer, Logger, startEventConsumer } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { appendAction } from '../use-cases/action-log';
import { actionEntryOf } from '../domain/action-entry';

export interface AdminLogConsumerOptions {
  orm: MikroORM;
  sealer: FieldSealer;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}

/**
 * Writes the other services' admin actions (ADMIN_ACTION_TAKEN, recorded in their outboxes together with the
 * change) into the action log, once per event. An entry the log refuses to keep as sent (details naming
 * sensitive data) is kept without those details rather than lost; one that is not an admin action at all
 * (malformed, so not from our outboxes) is logged and dropped.
 */
export function startAdminLogConsumer(options: AdminLogConsumerOptions): EventConsumer {
  const { sealer, logger } = options;
  return startEventConsumer({
    ...options,
    queue: 'admin-log',
    async handle(event: DomainEvent, em) {
      const entry = actionEntryOf(event);
      if (!entry) {
        logger.warn({ eventId: event.id, source: event.source }, 'admin action event malformed; not logged');
        return;
      }
      try {
        await appendAction(em, sealer, entry);
      } catch (error) {
        if (!(error instanceof BadUserInput)) throw error;
        logger.error({ eventId: event.id, action: entry.action, err: error.message }, 'admin action details withheld');
        await appendAction(em, sealer, { ...entry, details: { withheld: error.message } });
      }
    },
  });
}
