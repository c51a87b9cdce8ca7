import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { Doctor } from '../entities/doctor.entity';

/** Appointments, slots, records and feedback refer to doctors by id; a page of them costs one query. */
export const doctorReference = {
  Doctor: {
    __resolveReference: (reference: { id: string }, ctx: RequestContext) =>
      entityByIdLoader(ctx, Doctor).load(reference.id),
  },
};
