import { Principal, Role } from '@carebook/platform';

export type ContactDetailsAccess = 'ALLOWED' | 'SIGN_IN_FIRST' | 'NOT_YOURS';

/**
 * Who may read a doctor's licence number and phone: admins, the doctor
 * themselves, and other Carebook services (they act for the clinic, e.g. to
 * text a doctor about a cancellation). Everyone else sees the public profile only.
 */
export function contactDetailsAccess(principal: Principal | null, doctorId: string): ContactDetailsAccess {
  if (!principal) return 'SIGN_IN_FIRST';
  if (principal.kind === 'service') return 'ALLOWED';
  if (principal.role === Role.ADMIN) return 'ALLOWED';
  if (principal.role === Role.DOCTOR && principal.userId === doctorId) return 'ALLOWED';
  return 'NOT_YOURS';
}
