/** The doctor service owns doctors; scheduling only needs the id to add its fields. */
export const doctorReference = {
  Doctor: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
