import {
  BadUserInput,
  Conflict,
  contractClient,
  doctorContract,
  isCalendarDate,
  Logger,
  NotFound,
  patientContract,
  Role,
  ServiceClient,
} from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import { hashPassword } from './password';
import { changeAndEndSessions, SessionEndingDeps } from './session-ending';

/** How to discard a half-made profile, asked of the service that owns each role's profile. */
export const PROFILE_DISCARD: Partial<Record<Role, (services: ServiceClient, id: string) => Promise<unknown>>> = {
  [Role.PATIENT]: (services, id) => contractClient(patientContract, services).discardPatient({ id }),
  [Role.DOCTOR]: (services, id) => contractClient(doctorContract, services).discardDoctor({ id }),
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertPlausibleBirthDate(dateOfBirth: string | null | undefined, today = new Date()): void {
  if (dateOfBirth === null || dateOfBirth === undefined) return;
  if (!isCalendarDate(dateOfBirth))
    throw new BadUserInput('dateOfBirth must be a date written YYYY-MM-DD.', 'dateOfBirth');
  if (dateOfBirth > today.toISOString().slice(0, 10))
    throw new BadUserInput('dateOfBirth cannot be in the future.', 'dateOfBirth');
  if (dateOfBirth < '1900-01-01') throw new BadUserInput('dateOfBirth must be after 1900-01-01.', 'dateOfBirth');
}

/**
 * Creates a user whose profile is still to be made (provisioned = false).
 * The email is unique: a second account for it is a CONFLICT.
 */
export async function createPendingUser(em: EntityManager, email: string, password: string, role: Role): Promise<User> {
  const normalised = normaliseEmail(email);
  if (await em.count(User, { email: normalised })) {
    throw new Conflict('An account with this email already exists; sign in instead.', { field: 'email' });
  }
  const user = em.create(User, {
    email: normalised,
    passwordHash: await hashPassword(password),
    role,
    active: true,
    provisioned: false,
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new Conflict('An account with this email already exists; sign in instead.', { field: 'email' });
    throw error;
  }
  return user;
}

export async function confirmProvisioned(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(User, { id: userId }, { provisioned: true });
}

/**
 * Undoes a user whose profile could not be completed: asks the profile's
 * service to drop whatever it made, then deletes the user. If that service
 * cannot be reached, the user stays unprovisioned (unable to sign in) and the
 * reconciler finishes the job later.
 */
export async function discardPendingUser(
  em: EntityManager,
  services: ServiceClient,
  user: User,
  logger: Logger,
): Promise<boolean> {
  const discardProfile = PROFILE_DISCARD[user.role];
  if (discardProfile) {
    try {
      await discardProfile(services, user.id);
    } catch (error) {
      logger.warn({ err: error, userId: user.id }, 'could not discard a half-made profile; the reconciler will retry');
      return false;
    }
  }
  await em.nativeDelete(User, { id: user.id, provisioned: false });
  return true;
}

/** Stops a user from signing in; every session they hold ends, access tokens included. */
export async function deactivateUser(em: EntityManager, deps: SessionEndingDeps, userId: string): Promise<User> {
  const user = await em.findOne(User, { id: userId, provisioned: true });
  if (!user) throw new NotFound('User', userId);
  await changeAndEndSessions(em, deps, userId, (tx) =>
    tx.nativeUpdate(User, { id: userId }, { active: false, updatedAt: new Date() }),
  );
  user.active = false;
  return user;
}

/**
 * Changes a role; the last active admin cannot lose theirs, so the clinic is
 * never locked out. Tokens carry the role, so every session of the user ends:
 * their next sign-in (or refresh) carries the new one.
 */
export async function setUserRole(
  em: EntityManager,
  deps: SessionEndingDeps,
  userId: string,
  role: Role,
): Promise<User> {
  const user = await em.findOne(User, { id: userId, provisioned: true });
  if (!user) throw new NotFound('User', userId);
  if (user.role === role) return user;
  if (user.role === Role.ADMIN && (await em.count(User, { role: Role.ADMIN, active: true })) <= 1) {
    throw new Conflict('This is the last active admin; make another user admin first.');
  }
  await changeAndEndSessions(em, deps, userId, (tx) =>
    tx.nativeUpdate(User, { id: userId }, { role, updatedAt: new Date() }),
  );
  user.role = role;
  return user;
}
