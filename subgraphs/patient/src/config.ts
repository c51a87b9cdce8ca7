import { loadEncryptionKeys, loadServiceConfig } from '@carebook/platform';

/** The patient service's settings beyond the common ones (see .env.example). */
export function loadPatientConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig('patient', {}, source);
  return { ...config, encryption: loadEncryptionKeys(config) };
}

export type PatientConfig = ReturnType<typeof loadPatientConfig>;
