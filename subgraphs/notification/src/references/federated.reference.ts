/** Appointment is only extended here: its reference is the id (no lookup, so nothing to batch). */
export const references = {
  Appointment: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
};
