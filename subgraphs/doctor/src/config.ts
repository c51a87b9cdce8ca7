import { BOOKING_POLICY_ENV, clinicBookingPolicy, loadServiceConfig } from '@carebook/platform';

/** The doctor service's settings beyond the common ones (see .env.example): the clinic's default booking rules. */
export function loadDoctorConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig('doctor', BOOKING_POLICY_ENV, source);
  return { ...config, bookingPolicy: clinicBookingPolicy(config.extra) };
}

export type DoctorConfig = ReturnType<typeof loadDoctorConfig>;
