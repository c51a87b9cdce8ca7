import { loadEncryptionKeys, loadServiceConfig } from '@carebook/platform';

/** The common settings and the keys that seal comments; APPOINTMENT_URL says where it checks appointments. */
export function loadFeedbackConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig('feedback', {}, source);
  return { ...config, encryption: loadEncryptionKeys(config) };
}

export type FeedbackConfig = ReturnType<typeof loadFeedbackConfig>;
