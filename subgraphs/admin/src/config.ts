import { loadEncryptionKeys, loadServiceConfig } from '@carebook/platform';

/** The common settings and the keys that seal the action log's details; AUTH_URL and DOCTOR_URL say where the services it drives live. */
export function loadAdminConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig('admin', {}, source);
  return { ...config, encryption: loadEncryptionKeys(config) };
}

export type AdminConfig = ReturnType<typeof loadAdminConfig>;
