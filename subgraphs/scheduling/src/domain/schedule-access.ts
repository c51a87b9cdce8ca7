import { Forbidden, RequestContext, requireUser, Role, SignedInUser } from '@carebook/platform';

/** Seeing a doctor's schedule: the doctor concerned, the front desk (every schedule) or an admin. */
export function requireScheduleReader(ctx: RequestContext, doctorId: string): SignedInUser {
  const user = requireUser(ctx);
  if (user.role === Role.STAFF) return user;
  return requireScheduleOwner(ctx, doctorId);
}

/** Changing a doctor's hours: only the doctor concerned or an admin (the front desk books, it does not set hours). */
export function requireScheduleOwner(ctx: RequestContext, doctorId: string): SignedInUser {
  const user = requireUser(ctx);
  if (user.role === Role.ADMIN || (user.role === Role.DOCTOR && user.id === doctorId)) return user;
  throw new Forbidden(
    "Only the doctor concerned or an admin may do this with a doctor's schedule (the front desk may see every schedule but not change hours).",
  );
}
