import { Role, SignedInUser } from '@carebook/platform';
import type { Invoice } from '../entities/invoice.entity';

/** An invoice is seen by its patient, the doctor of its appointment and admins. */
export function mayReadInvoice(user: SignedInUser, invoice: Pick<Invoice, 'patientId' | 'doctorId'>): boolean {
  if (user.role === Role.ADMIN) return true;
  if (user.role === Role.PATIENT) return user.id === invoice.patientId;
  return user.role === Role.DOCTOR && user.id === invoice.doctorId;
}
