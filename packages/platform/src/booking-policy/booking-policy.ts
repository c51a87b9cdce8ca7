import { registerEnumType } from 'type-graphql';
import { formatMinutes } from '../config/durations';
import { BadUserInput } from '../errors/app-errors';

/**
 * The clinic's booking rules, in whole minutes: how much notice a booking
 * needs, how far ahead one may book, and how long before the start a
 * cancellation or move counts as late. Clinic defaults come from the
 * environment (booking-policy-env.ts); a medical service may set its own
 * (the doctor service owns them and sends the rules that apply with the
 * service's facts). Patients are bound by them; staff are not.
 */
export interface BookingPolicy {
  minNoticeMinutes: number;
  horizonMinutes: number;
  cancellationWindowMinutes: number;
}

/** The rules by name: in GraphQL (a service's own rules) and in the `rule` extension of a refusal. */
export enum BookingRule {
  MIN_NOTICE = 'MIN_NOTICE',
  HORIZON = 'HORIZON',
  CANCELLATION_WINDOW = 'CANCELLATION_WINDOW',
}

registerEnumType(BookingRule, {
  name: 'BookingRule',
  description:
    'MIN_NOTICE: how soon a booking may start; HORIZON: how far ahead one may book; CANCELLATION_WINDOW: before the start, when a cancel or move by the patient counts as late.',
});

/** Which policy field each rule is. */
export const RULE_FIELDS: Record<BookingRule, keyof BookingPolicy> = {
  [BookingRule.MIN_NOTICE]: 'minNoticeMinutes',
  [BookingRule.HORIZON]: 'horizonMinutes',
  [BookingRule.CANCELLATION_WINDOW]: 'cancellationWindowMinutes',
};

const DAY = 1440;
/** What a clinic or a service may set: a notice or window of up to 30 days, a horizon of 1 hour to 2 years. */
export const POLICY_BOUNDS: Record<keyof BookingPolicy, { min: number; max: number }> = {
  minNoticeMinutes: { min: 0, max: 30 * DAY },
  horizonMinutes: { min: 60, max: 730 * DAY },
  cancellationWindowMinutes: { min: 0, max: 30 * DAY },
};

/** Why these rules cannot work together, or null: the horizon must lie beyond the minimum notice, or nothing is bookable. */
export function policyProblem(policy: BookingPolicy): string | null {
  if (policy.horizonMinutes <= policy.minNoticeMinutes) {
    return `the booking horizon (${formatMinutes(policy.horizonMinutes)}) must be longer than the minimum notice (${formatMinutes(policy.minNoticeMinutes)}), or no time could be booked`;
  }
  return null;
}

/** The starts a patient may book now: [earliest, latest]. */
export function bookingWindow(policy: BookingPolicy, now: Date): { earliest: Date; latest: Date } {
  return {
    earliest: new Date(now.getTime() + policy.minNoticeMinutes * 60_000),
    latest: new Date(now.getTime() + policy.horizonMinutes * 60_000),
  };
}

/**
 * Refuses a start a patient may not book now, naming the rule and the
 * earliest or latest start allowed (in the message and in `extensions`).
 */
export function assertWithinBookingWindow(startsAt: Date, policy: BookingPolicy, now: Date, field = 'slotId'): void {
  const { earliest, latest } = bookingWindow(policy, now);
  if (startsAt.getTime() < earliest.getTime()) {
    throw new BadUserInput(
      `Bookings need ${formatMinutes(policy.minNoticeMinutes)} notice (the minimum notice rule): the earliest start you can book now is ${earliest.toISOString()}; choose a later time, or call the clinic.`,
      field,
      { rule: BookingRule.MIN_NOTICE, earliestAllowed: earliest.toISOString() },
    );
  }
  if (startsAt.getTime() > latest.getTime()) {
    throw new BadUserInput(
      `Bookings open ${formatMinutes(policy.horizonMinutes)} ahead (the booking horizon rule): the latest start you can book now is ${latest.toISOString()}; choose an earlier time, or book it later.`,
      field,
      { rule: BookingRule.HORIZON, latestAllowed: latest.toISOString() },
    );
  }
}

/** A cancel or move by the patient this close to the start is late (the cancellation window). */
export function isLateChange(startsAt: Date, policy: BookingPolicy, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < policy.cancellationWindowMinutes * 60_000;
}

/**
 * A patient cannot cancel or move a visit that has started (that would turn
 * a no-show into a cancellation); staff still can. Names the latest allowed
 * moment, the start.
 */
export function assertNotStarted(startsAt: Date, now: Date, what: 'cancel' | 'move'): void {
  if (now.getTime() < startsAt.getTime()) return;
  throw new BadUserInput(
    `This visit started at ${startsAt.toISOString()}: a patient can ${what} it until its start at the latest; please call the clinic.`,
    'id',
    { rule: 'VISIT_STARTED', latestAllowed: startsAt.toISOString() },
  );
}
