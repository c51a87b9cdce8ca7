import 'reflect-metadata';
import { runKeyRotation } from '@carebook/platform';
import { loadAppointmentConfig } from './config';
import { SEALED_ENTITIES } from './domain/sealed-columns';
import { entities } from './entities';
import { migrations } from './migrations';

/** `node dist/rotate-keys.js [--batch-size N]`: re-seals the appointment service's sealed fields under the active key (README, Security). */
runKeyRotation({
  service: 'appointment',
  loadConfig: () => loadAppointmentConfig(),
  entities,
  migrations,
  stores: ['mysql', 'mongodb'],
  targets: SEALED_ENTITIES,
});
