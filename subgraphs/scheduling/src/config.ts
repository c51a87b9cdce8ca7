import { BOOKING_POLICY_ENV, clinicBookingPolicy, clinicTimeZoneSchema, loadServiceConfig } from '@carebook/platform';
import { z } from 'zod';

/** The scheduling service's settings beyond the common ones (see .env.example). */
export function loadSchedulingConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'scheduling',
    {
      CLINIC_TIME_ZONE: clinicTimeZoneSchema(),
      SLOT_HORIZON_WEEKS: z.coerce
        .number({ invalid_type_error: 'must be a number of weeks' })
        .int('must be whole weeks')
        .min(1, 'must be 1 to 104 weeks')
        .max(104, 'must be 1 to 104 weeks')
        .default(8),
      ...BOOKING_POLICY_ENV,
    },
    source,
  );
  return { ...config, bookingPolicy: clinicBookingPolicy(config.extra) };
}

export type SchedulingConfig = ReturnType<typeof loadSchedulingConfig>;
