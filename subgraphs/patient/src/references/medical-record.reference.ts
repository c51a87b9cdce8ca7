import { entityByIdLoader, RequestContext } from '@carebook/platform';
import type { CareConfirmation } from '../clients/care-confirmation';
import { assertChartAccess } from '../use-cases/care-relationships';
import { MedicalRecord } from '../entities';

/** A record referred to by id is shown only to those who may read its patient's chart. */
export function medicalRecordReference(confirmCare?: CareConfirmation) {
  return {
    MedicalRecord: {
      __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
        const record = await entityByIdLoader(ctx, MedicalRecord).load(reference.id);
        if (!record) return null;
        await assertChartAccess(ctx, record.patientId, confirmCare);
        return record;
      },
    },
  };
}
