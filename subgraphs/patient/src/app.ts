import {
  createLogger,
  createServiceClient,
  fieldSealerFor,
  mountInternalRoutes,
  openOrm,
  openSqlPool,
  RunningService,
  startSubgraph,
} from '@carebook/platform';
import type { PatientConfig } from './config';
import { careConfirmationFrom } from './clients/care-confirmation';
import { refreshPhoneLookups } from './use-cases/phone-lookup-refresh';
import { entities } from './entities';
import { startCareProjection } from './events/care-projection';
import { patientInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildPatientSchema } from './schema';

/** Starts the patient subgraph: store, the key ring that seals patient data, GraphQL and internal routes. */
export async function startPatient(config: PatientConfig): Promise<RunningService> {
  const logger = createLogger('patient', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const sealer = fieldSealerFor(config.encryption, logger);
  await refreshPhoneLookups(orm.em.fork(), sealer, logger);
  const services = createServiceClient(config.serviceKeys, config.env);
  const confirmCare = careConfirmationFrom(services, logger);
  const schema = await buildPatientSchema({ sealer, confirmCare });
  // The patient store is MariaDB only (openOrm above refuses other URLs), so the pool is always there.
  const sql = openSqlPool(config.databaseUrl)!;
  const careProjection = startCareProjection(
    orm,
    sql,
    config.redisUrl,
    config.redisPrefix,
    logger,
    services,
    config.serviceKeys,
  );
  return startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, patientInternalRoutes(sealer, sql)),
    onStop: async () => {
      await careProjection.close();
      await sql.close();
    },
  });
}
