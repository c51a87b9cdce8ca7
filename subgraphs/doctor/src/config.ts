import { loadServiceConfig } from '@carebook/platform';

/** The doctor service needs only the common settings (see .env.example). */
export function loadDoctorConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadServiceConfig('doctor', {}, source);
}

export type DoctorConfig = ReturnType<typeof loadDoctorConfig>;
