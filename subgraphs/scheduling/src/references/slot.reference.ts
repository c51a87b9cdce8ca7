import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { Slot } from '../entities/slot.entity';

/** Appointments and SlotUnavailable alternatives refer to slots by id; a page of them costs one query. */
export const slotReference = {
  Slot: {
    __resolveReference: (reference: { id: string }, ctx: RequestContext) => entityByIdLoader(ctx, Slot).load(reference.id),
  },
};
