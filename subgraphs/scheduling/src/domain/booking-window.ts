import { BookingPolicy, bookingWindow, Principal, Role } from '@carebook/platform';

export type BookingWindow = { earliest: Date; latest: Date } | null;

/**
 * Staff (admins, doctors, the front desk) are bound by no booking rule, so their views of
 * free time show every free future slot; patients and anonymous callers see
 * only starts they may book now under the policy (the service's, or the
 * clinic's defaults when no service is named).
 */
export function isBoundByPolicy(principal: Principal | null): boolean {
  return principal?.role !== Role.ADMIN && principal?.role !== Role.DOCTOR && principal?.role !== Role.STAFF;
}

/** The starts a caller may book now, or null when no rule binds them. */
export function windowFor(bound: boolean, policy: BookingPolicy, now: Date): BookingWindow {
  return bound ? bookingWindow(policy, now) : null;
}
