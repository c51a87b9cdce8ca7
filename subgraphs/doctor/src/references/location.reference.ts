import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { Location } from '../entities/location.entity';

/** Slots and appointments name their location by id; inactive ones still resolve. */
export const locationReference = {
  Location: {
    __resolveReference: (reference: { id: string }, ctx: RequestContext) =>
      entityByIdLoader(ctx, Location).load(reference.id),
  },
};
