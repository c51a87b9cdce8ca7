import { contractClient, Gender, Logger, patientContract, Role, ServiceClient } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { Quota, RequestQuotas } from '../store/request-quota';
import { IssuedSession, SessionSettings, startSession } from './sessions';
import { assertPlausibleBirthDate, confirmProvisioned, createPendingUser, discardPendingUser } from './user-accounts';

export interface PatientRegistration {
  email: string;
  password: string;
  name: string;
  phone?: string | null;
  dateOfBirth?: string | null;
  gender?: Gender | null;
}

/**
 * Registers a patient across two services without a distributed transaction:
 * the user is created unable to sign in, the patient service makes the
 * profile (idempotently), and only then is the user confirmed. A failure
 * undoes the user; a crash in between leaves an unprovisioned user that the
 * reconciler removes. No user is ever usable without a profile.
 */
export async function registerPatient(
  em: EntityManager,
  deps: {
    services: ServiceClient;
    sessions: SessionSettings;
    logger: Logger;
    quotas: RequestQuotas;
    perAddress: Quota;
  },
  input: PatientRegistration,
  clientIp: string,
): Promise<IssuedSession> {
  assertPlausibleBirthDate(input.dateOfBirth);
  // Counted per client address, whatever the outcome: each attempt costs a password hash and a profile.
  await deps.quotas.take(deps.perAddress, clientIp);
  const user = await createPendingUser(em, input.email, input.password, Role.PATIENT);
  try {
    await contractClient(patientContract, deps.services).provisionPatient({
      id: user.id,
      email: user.email,
      name: input.name.trim(),
      phone: input.phone ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      gender: input.gender ?? null,
    });
  } catch (error) {
    await discardPendingUser(em, deps.services, user, deps.logger);
    throw error;
  }
  await confirmProvisioned(em, user.id);
  user.provisioned = true;
  return startSession(em, deps.sessions, user);
}
