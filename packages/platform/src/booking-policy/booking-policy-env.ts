import { z } from 'zod';
import { parseDuration } from '../config/durations';
import { ConfigError } from '../config/load-config';
import { BookingPolicy, POLICY_BOUNDS, policyProblem } from './booking-policy';

/** One setting in whole minutes, written like REMINDER_OFFSETS (`2h`, `90d`, `30m`; `0` where none is allowed). */
function minutesSettingSchema(fallback: string, bounds: { min: number; max: number }) {
  const zero = bounds.min === 0;
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text, { zero });
      if (ms === null || ms % 60_000 !== 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be whole minutes written like 2h, 90d or 30m${zero ? ' (0 for none)' : ''}`,
        });
        return z.NEVER;
      }
      const minutes = ms / 60_000;
      if (minutes < bounds.min || minutes > bounds.max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be ${bounds.min === 0 ? '0' : `${bounds.min} minutes`} to ${bounds.max / 1440} days`,
        });
        return z.NEVER;
      }
      return minutes;
    });
}

/**
 * The clinic's default booking rules (see .env.example), for the services
 * that apply them: doctor (a service's rules fall back to these) and
 * scheduling (calendars asked without a service).
 */
export const BOOKING_POLICY_ENV = {
  /** How soon a patient's booking may start. */
  BOOKING_MIN_NOTICE: minutesSettingSchema('2h', POLICY_BOUNDS.minNoticeMinutes),
  /** How far ahead a patient may book. */
  BOOKING_HORIZON: minutesSettingSchema('90d', POLICY_BOUNDS.horizonMinutes),
  /** Before the start, when a patient's cancel or move counts as late (LATE_CANCEL_FEE). */
  CANCELLATION_WINDOW: minutesSettingSchema('24h', POLICY_BOUNDS.cancellationWindowMinutes),
};

export function clinicBookingPolicy(extra: {
  BOOKING_MIN_NOTICE: number;
  BOOKING_HORIZON: number;
  CANCELLATION_WINDOW: number;
}): BookingPolicy {
  const policy = {
    minNoticeMinutes: extra.BOOKING_MIN_NOTICE,
    horizonMinutes: extra.BOOKING_HORIZON,
    cancellationWindowMinutes: extra.CANCELLATION_WINDOW,
  };
  const problem = policyProblem(policy);
  if (problem) throw new ConfigError([`BOOKING_HORIZON and BOOKING_MIN_NOTICE: ${problem}`]);
  return policy;
}
