import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { MedicalService } from '../entities/medical-service.entity';

/** Appointments and availability refer to services by id; inactive ones still resolve for past bookings. */
export const medicalServiceReference = {
  MedicalService: {
    __resolveReference: (reference: { id: string }, ctx: RequestContext) =>
      entityByIdLoader(ctx, MedicalService).load(reference.id),
  },
};
