import { registerEnumType } from 'type-graphql';

export enum Role {
  PATIENT = 'PATIENT',
  DOCTOR = 'DOCTOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a user may do: a patient, a doctor or an administrator.' });

/** Who is calling: a signed-in user, or another Carebook service. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      role: Role;
      token: string;
      /** When the token was issued, in ms (its `iat_ms` claim, else `iat`): revocations void tokens issued before a moment. */
      issuedAtMs?: number;
    }
  | { kind: 'service'; service: string; token: string };
