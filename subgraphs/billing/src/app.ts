import {
  createLogger,
  createServiceClient,
  mountInternalRoutes,
  mountInternalStreamRoutes,
  openOrm,
  RunningService,
  startOutboxRelay,
  startSubgraph,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { BillingConfig } from './config';
import { appointmentLookup } from './clients/appointment-lookup';
import type { BillingDeps } from './deps';
import { entities } from './entities';
import { startBillingConsumer } from './events/billing-consumer';
import { billingInternalRoutes } from './internal/routes';
import { billingStreamRoutes } from './internal/stream-routes';
import { migrations } from './migrations';
import { paymentProviderFor } from './payments/payment-providers';
import { buildBillingSchema } from './schema';

export type RunningBilling = RunningService & { orm: MikroORM };

/** Starts the billing subgraph: store, outbox relay, the billing event consumer, GraphQL and internal routes. */
export async function startBilling(config: BillingConfig): Promise<RunningBilling> {
  const logger = createLogger('billing', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const relay = startOutboxRelay({
    orm,
    service: 'billing',
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    signingKey: config.serviceKeys.privateKey,
  });
  const client = createServiceClient(config.serviceKeys, config.env);
  const deps: BillingDeps = {
    provider: paymentProviderFor(config.extra.PAYMENT_PROVIDER),
    nudge: () => relay.nudge(),
    fees: { noShow: config.extra.NO_SHOW_FEE, lateCancel: config.extra.LATE_CANCEL_FEE },
    appointments: appointmentLookup(client),
  };
  const consumer = startBillingConsumer({
    orm,
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    fees: deps.fees,
    appointments: deps.appointments,
  });
  // Publish what the handler recorded as soon as it committed, not at the relay's next poll.
  consumer.worker.on('completed', () => relay.nudge());
  const schema = await buildBillingSchema(deps);
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers, users) => {
      mountInternalRoutes(app, callers, { orm, logger }, billingInternalRoutes());
      mountInternalStreamRoutes(
        app,
        callers,
        users,
        { orm, logger },
        billingStreamRoutes(client, () => relay.nudge(), config.extra.CLINIC_TIME_ZONE),
      );
    },
    onStop: async () => {
      await consumer.close();
      await relay.stop();
    },
  });
  return { ...running, orm };
}
