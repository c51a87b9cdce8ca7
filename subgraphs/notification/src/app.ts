import { createLogger, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { NotificationConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { buildNotificationSchema } from './schema';

export type RunningNotification = RunningService & { orm: MikroORM };

/**
 * Starts the notification subgraph: the log's store (migrations apply here)
 * and GraphQL. Sending happens in the worker process (workers/main.ts).
 */
export async function startNotification(config: NotificationConfig): Promise<RunningNotification> {
  const logger = createLogger('notification', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const running = await startSubgraph({ config, schema: await buildNotificationSchema(), orm, logger });
  return { ...running, orm };
}
