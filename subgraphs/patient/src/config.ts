import { loadServiceConfig } from '@carebook/platform';
import { z } from 'zod';
import { resolveEncryptionKeys } from './domain/encryption-keys';

/** The patient service's settings beyond the common ones (see .env.example). */
export function loadPatientConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'patient',
    {
      DATA_ENCRYPTION_KEYS: z.string().optional(),
      DATA_ENCRYPTION_KEY_ID: z.string().optional(),
    },
    source,
  );
  return { ...config, encryption: resolveEncryptionKeys(config.extra.DATA_ENCRYPTION_KEYS, config.extra.DATA_ENCRYPTION_KEY_ID, config.nodeEnv) };
}

export type PatientConfig = ReturnType<typeof loadPatientConfig>;
