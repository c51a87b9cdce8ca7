import { Forbidden, Logger, RequestContext, requireUser, Role, ServiceClient, SignedInUser } from '@carebook/platform';

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

/**
 * Logs an admin's change of a schedule in the admin service's action log.
 * Best effort, after the change committed: a failure is a warning, not an error.
 */
export function logAdminChange(
  services: ServiceClient,
  logger: Logger,
  user: SignedInUser,
  action: string,
  targetId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  if (user.role !== Role.ADMIN) return Promise.resolve();
  return services
    .call('admin', 'record-action', { adminId: user.id, action, targetId, details })
    .then(() => undefined)
    .catch((error: Error) =>
      logger.warn({ err: error.message, action, targetId }, 'could not record the admin action'),
    );
}
