import { Forbidden, Principal, Role, tokenExpiryMs, Unauthenticated } from '@carebook/platform';
import type { Audience } from './change-feed';

/** Who holds a live connection: verified at connection_init, for the connection's life. */
export interface Viewer {
  token: string;
  principal: Extract<Principal, { kind: 'user' }>;
  /** The token's `exp`, in ms since the epoch. */
  expiresAt: number;
}

/**
 * Whose schedule a subscriber may follow: an admin or the front desk (STAFF)
 * any doctor's or all (no doctorId), a doctor only their own (a doctor's id
 * is their user id), a patient none.
 */
export function audienceFor(
  viewer: Viewer | undefined,
  doctorId: string | null | undefined,
  now = Date.now(),
): Audience {
  if (!viewer) throw new Unauthenticated('Sign in first: send your access token as connectionParams.authorization.');
  if (viewer.expiresAt <= now) throw new Unauthenticated('Your access token has expired; reconnect with a fresh one.');
  const { role, userId } = viewer.principal;
  if (role === Role.ADMIN || role === Role.STAFF) return { doctorId: doctorId ?? null, expiresAt: viewer.expiresAt };
  if (role === Role.DOCTOR) {
    if (!doctorId) throw new Forbidden(`A doctor may follow their own schedule only: pass doctorId: "${userId}".`);
    if (doctorId !== userId) throw new Forbidden("A doctor may follow their own schedule only, not another doctor's.");
    return { doctorId, expiresAt: viewer.expiresAt };
  }
  throw new Forbidden('Only doctors (their own schedule), the front desk and admins may follow schedules.');
}

/**
 * What a subscriber may see, as far as resolving a change goes: every admin
 * sees the same, and so does every member of the front desk (the subgraphs
 * check the role, never the person, for both); anyone else sees what their
 * own user may. Subscribers with one scope share one execution per change.
 */
export function accessScopeOf(viewer: Viewer): string {
  const { role, userId } = viewer.principal;
  return role === Role.ADMIN || role === Role.STAFF ? role : `${role}:${userId}`;
}

/** The `exp` of a token already verified, in ms. */
export function expiryOf(token: string): number {
  const expiresAt = tokenExpiryMs(token);
  if (expiresAt === undefined) throw new Unauthenticated('Your access token has no expiry; sign in again.');
  return expiresAt;
}
