import 'reflect-metadata';
import { runKeyRotation } from '@carebook/platform';
import { loadFeedbackConfig } from './config';
import { SEALED_ENTITIES } from './domain/sealed-columns';
import { entities } from './entities';
import { migrations } from './migrations';

/** `node dist/rotate-keys.js [--batch-size N]`: re-seals the feedback service's sealed fields under the active key (README, Security). */
runKeyRotation({
  service: 'feedback',
  loadConfig: () => loadFeedbackConfig(),
  entities,
  migrations,
  targets: SEALED_ENTITIES,
});
