const echo = (reference: { id: string }) => ({ id: reference.id });

/** Appointment and Doctor are only extended here: their reference is the id; the fields load in batches. */
export const references = {
  Appointment: { __resolveReference: echo },
  Doctor: { __resolveReference: echo },
};
