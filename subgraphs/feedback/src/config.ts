import { loadServiceConfig } from '@carebook/platform';

/** The feedback service needs only the common settings; APPOINTMENT_URL says where it checks appointments. */
export function loadFeedbackConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadServiceConfig('feedback', {}, source);
}

export type FeedbackConfig = ReturnType<typeof loadFeedbackConfig>;
