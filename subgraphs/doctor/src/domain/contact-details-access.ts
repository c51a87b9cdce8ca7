import { Principal, Role } from '@carebook/platform';

export type ContactDetailsAccess = 'ALLOWED' | 'SIGN_IN_FIRST' | 'NOT_YOURS';

/**
 * Who may read a doctor's licence number and phone: admins and the doctor
 * themselves. Everyone else sees the public profile only (services that act
 * for the clinic read what they need over the internal `contacts` route).
 */
export function contactDetailsAccess(principal: Principal | null, doctorId: string): ContactDetailsAccess {
  if (!principal) return 'SIGN_IN_FIRST';
  if (principal.role === Role.ADMIN) return 'ALLOWED';
  if (principal.role === Role.DOCTOR && principal.userId === doctorId) return 'ALLOWED';
  return 'NOT_YOURS';
}
