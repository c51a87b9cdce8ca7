import { BOOKING_POLICY_ENV, clinicBookingPolicy, clinicTimeZoneSchema, loadServiceConfig } from '@carebook/platform';

/** The doctor service's settings beyond the common ones (see .env.example): the clinic's default booking rules, the default location's zone. */
export function loadDoctorConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'doctor',
    { ...BOOKING_POLICY_ENV, CLINIC_TIME_ZONE: clinicTimeZoneSchema() },
    source,
  );
  return { ...config, bookingPolicy: clinicBookingPolicy(config.extra), clinicTimeZone: config.extra.CLINIC_TIME_ZONE };
}

export type DoctorConfig = ReturnType<typeof loadDoctorConfig>;
