import { z } from 'zod';
import { BookingPolicy, POLICY_BOUNDS } from '../booking-policy/booking-policy';

function minutes(field: keyof BookingPolicy) {
  const { min, max } = POLICY_BOUNDS[field];
  return z
    .number({ invalid_type_error: 'must be a whole number of minutes' })
    .int('must be whole minutes')
    .min(min, `must be ${min} to ${max} minutes (${max / 1440} days)`)
    .max(max, `must be ${min} to ${max} minutes (${max / 1440} days)`)
    .nullish()
    .transform((value) => value ?? null);
}

/** A service's own rules as the admin service sends them; a rule left out (or null) follows the clinic default. */
export const bookingPolicySchema = z.object({
  id: z.string().min(1, 'must be a medical service id'),
  minNoticeMinutes: minutes('minNoticeMinutes'),
  horizonMinutes: minutes('horizonMinutes'),
  cancellationWindowMinutes: minutes('cancellationWindowMinutes'),
});

export type BookingPolicyChange = z.infer<typeof bookingPolicySchema>;
