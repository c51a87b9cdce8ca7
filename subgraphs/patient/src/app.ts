import { createLogger, createServiceClient, mountInternalRoutes, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import type { PatientConfig } from './config';
import { careConfirmationFrom } from './domain/care-confirmation';
import { DEVELOPMENT_KEY_ID } from './domain/encryption-keys';
import { createSealer } from './domain/sealed-fields';
import { entities } from './entities';
import { startCareProjection } from './events/care-projection';
import { patientInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildPatientSchema } from './schema';

/** Starts the patient subgraph: store, the key ring that seals patient data, GraphQL and internal routes. */
export async function startPatient(config: PatientConfig): Promise<RunningService> {
  const logger = createLogger('patient', config.logLevel);
  if (config.encryption.developmentKey) {
    logger.warn(
      { keyId: DEVELOPMENT_KEY_ID },
      'DATA_ENCRYPTION_KEYS is not set: patient data is sealed with the public development key. Set DATA_ENCRYPTION_KEYS before storing real data.',
    );
  }
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const sealer = createSealer(config.encryption.ring);
  const confirmCare = careConfirmationFrom(createServiceClient(config.serviceKeys, config.env), logger);
  const schema = await buildPatientSchema({ sealer, confirmCare });
  const careProjection = startCareProjection(orm, config.redisUrl, config.redisPrefix, logger);
  return startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, patientInternalRoutes(sealer)),
    onStop: () => careProjection.close(),
  });
}
