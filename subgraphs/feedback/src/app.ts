import {
  createLogger,
  createServiceClient,
  fieldSealerFor,
  openOrm,
  RunningService,
  startOutboxRelay,
  startSubgraph,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { FeedbackConfig } from './config';
import { entities } from './entities';
import { startFeedbackRequests } from './events/feedback-requests';
import { migrations } from './migrations';
import { buildFeedbackSchema } from './schema';

export type RunningFeedback = RunningService & { orm: MikroORM };

/** Starts the feedback subgraph: store, outbox relay, the consumer that asks for feedback, and GraphQL. */
export async function startFeedback(config: FeedbackConfig): Promise<RunningFeedback> {
  const logger = createLogger('feedback', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const relay = startOutboxRelay({
    orm,
    service: 'feedback',
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    signingKey: config.serviceKeys.privateKey,
  });
  const requests = startFeedbackRequests({ orm, redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
  // Publish FEEDBACK_REQUESTED as soon as it committed, not at the relay's next poll.
  requests.worker.on('completed', () => relay.nudge());
  const schema = await buildFeedbackSchema({
    services: createServiceClient(config.serviceKeys, config.env),
    sealer: fieldSealerFor(config.encryption, logger),
    nudge: () => relay.nudge(),
  });
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    onStop: async () => {
      await requests.close();
      await relay.stop();
    },
  });
  return { ...running, orm };
}
