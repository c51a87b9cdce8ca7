import { z } from 'zod';
import { Role } from '../auth/role';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PASSWORD_MESSAGE } from '../validation';
import { defineContract, returns, route } from './contract';

/** A user account as auth's internal routes answer it. */
export interface UserView {
  id: string;
  email: string;
  role: Role;
  active: boolean;
}

const id = z.string().uuid('must be a user id');

/**
 * The auth service's internal routes. Creating a doctor's user (admin)
 * follows the same two-step provisioning as patient registration:
 * create-user, then confirm-user once the profile exists, or discard-user
 * if it could not be made. deactivate-user and set-user-role end the user's
 * sessions: their access tokens are refused everywhere within moments.
 */
export const authContract = defineContract('auth', {
  createUser: route({
    path: 'create-user',
    callers: ['admin'],
    input: z.object({
      email: z.string().email('must be a valid email address'),
      password: z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_MESSAGE).max(MAX_PASSWORD_LENGTH, PASSWORD_MESSAGE),
      role: z.literal(Role.DOCTOR),
    }),
    output: returns<UserView>(),
  }),
  confirmUser: route({
    path: 'confirm-user',
    callers: ['admin'],
    input: z.object({ id }),
    output: returns<{ id: string }>(),
  }),
  discardUser: route({
    path: 'discard-user',
    callers: ['admin'],
    input: z.object({ id }),
    output: returns<{ id: string }>(),
  }),
  deactivateUser: route({
    path: 'deactivate-user',
    callers: ['admin'],
    input: z.object({ id }),
    output: returns<UserView>(),
  }),
  setUserRole: route({
    path: 'set-user-role',
    callers: ['admin'],
    input: z.object({ id, role: z.nativeEnum(Role) }),
    output: returns<UserView>(),
  }),
  getUser: route({
    path: 'get-user',
    callers: ['admin', 'notification'],
    input: z.object({ id }),
    output: returns<UserView>(),
  }),
});
