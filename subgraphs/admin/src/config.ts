import { loadServiceConfig } from '@carebook/platform';

/** The admin service needs only the common settings; AUTH_URL and DOCTOR_URL say where the services it drives live. */
export function loadAdminConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadServiceConfig('admin', {}, source);
}

export type AdminConfig = ReturnType<typeof loadAdminConfig>;
