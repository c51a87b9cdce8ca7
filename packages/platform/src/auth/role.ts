import { registerEnumType } from 'type-graphql';

export enum Role {
  PATIENT = 'PATIENT',
  DOCTOR = 'DOCTOR',
  ADMIN = 'ADMIN',
  /** The front desk: books, moves and cancels for any patient and follows every schedule; never reads charts or manages the clinic. */
  STAFF = 'STAFF',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do: a patient, a doctor, an administrator or front-desk staff (STAFF).',
});

/**
 * Who is asking: a signed-in user, proven by their access token. A service
 * relaying a request (the gateway) or calling for itself is no principal:
 * it is the request's `caller`, proven by its own service token, and grants
 * no user's rights.
 */
export type Principal = {
  kind: 'user';
  userId: string;
  role: Role;
  token: string;
  /** When the token was issued, in ms (its `iat_ms` claim, else `iat`): revocations void tokens issued before a moment. */
  issuedAtMs?: number;
};
