import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { mayRead } from '../domain/access';
import { Appointment } from '../entities/appointment.entity';

const echo = (reference: { id: string }) => ({ id: reference.id });

/**
 * Appointment references (scheduling's time-off conflicts) load in one query
 * per request; a user sees only appointments they are party to (admins all).
 * Patient, Doctor and Slot are only extended here: their reference is the id.
 */
export const references = {
  Appointment: {
    __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
      const appointment = await entityByIdLoader(ctx, Appointment).load(reference.id);
      if (!appointment) return null;
      const principal = ctx.principal;
      if (!principal) return null;
      return mayRead({ id: principal.userId, role: principal.role }, appointment) ? appointment : null;
    },
  },
  Patient: { __resolveReference: echo },
  Doctor: { __resolveReference: echo },
  Slot: { __resolveReference: echo },
};
