import { entityByIdLoader, RequestContext } from '@carebook/platform';
import type { CareConfirmation } from '../clients/care-confirmation';
import { assertContactAccess } from '../use-cases/care-relationships';
import { Patient } from '../entities';

/**
 * Other subgraphs refer to patients by id (Appointment.patient, ...). The
 * access rule of `patient(id)` holds here too, and the front desk may see the
 * contact card of every patient (the chart's fields refuse it, see
 * PatientResolver); a doctor's care relationships for the whole batch are
 * read in one query, the patients in another.
 */
export function patientReference(confirmCare?: CareConfirmation) {
  return {
    Patient: {
      __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
        await assertContactAccess(ctx, reference.id, confirmCare);
        return entityByIdLoader(ctx, Patient).load(reference.id);
      },
    },
  };
}
