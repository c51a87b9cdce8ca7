import { BadUserInput, Logger } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { isEmail } from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';
import { PasswordResetToken } from '../entities/password-reset-token.entity';
import { User } from '../entities/user.entity';
import type { Mailer } from '../mail/mailer';
import { passwordResetEmail, passwordResetLink } from '../mail/password-reset-email';
import type { BackgroundTasks } from './background-tasks';
import { assertPasswordRules, hashPassword } from './password';
import type { Quota, RequestQuotas } from '../store/request-quota';
import { changeAndEndSessions, SessionEndingDeps } from './session-ending';
import { normaliseEmail } from './user-accounts';

export const RESET_TOKEN_MINUTES = 30;

export interface ResetRequestDeps {
  quotas: RequestQuotas;
  perAddress: Quota;
  perEmail: Quota;
  mailer: Mailer;
  /** Where the front end lives: the link is `<appUrl>/reset-password?token=…`. */
  appUrl: string;
  background: BackgroundTasks;
  logger: Logger;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const UNUSABLE = 'This reset link is unknown, was already used or has expired; ask for a new one.';

/**
 * Starts a password reset. The answer is the same, and as quick, whether or
 * not the email belongs to an account: the lookup and the email happen after
 * it, in the background. Quotas per client address and per email (counted
 * for any email, known or not) keep it from being used to flood a mailbox.
 */
export async function requestPasswordReset(
  em: EntityManager,
  deps: ResetRequestDeps,
  rawEmail: string,
  clientIp: string,
): Promise<void> {
  if (rawEmail.length > 254 || !isEmail(rawEmail))
    throw new BadUserInput('email must be a valid email address, like jane@example.com', 'email');
  const email = normaliseEmail(rawEmail);
  await deps.quotas.take(deps.perAddress, clientIp);
  await deps.quotas.take(deps.perEmail, email);
  const work = em.fork();
  deps.background.run('password reset email', () => sendResetLink(work, deps, email));
}

/**
 * Makes a single-use token valid for RESET_TOKEN_MINUTES, keeps only its
 * hash (earlier unused tokens of the user are spent), and emails the link.
 * The token goes nowhere else: not to Redis, a queue or a log.
 */
async function sendResetLink(em: EntityManager, deps: ResetRequestDeps, email: string): Promise<void> {
  const user = await em.findOne(User, { email, provisioned: true, active: true });
  if (!user) {
    deps.logger.info('password reset asked for an email without an active account; nothing sent');
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(PasswordResetToken, { userId: user.id, usedAt: null }, { usedAt: now });
    tx.create(PasswordResetToken, {
      tokenHash: hashOf(token),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
    });
  });
  await deps.mailer.send({
    to: user.email,
    ...passwordResetEmail(passwordResetLink(deps.appUrl, token), RESET_TOKEN_MINUTES),
  });
  deps.logger.info({ userId: user.id }, 'password reset link sent');
}

/**
 * Sets a new password with a reset token, spending the token with one
 * conditional update (twice the same link: one succeeds); every session of
 * the user ends. The user then signs in with the new password.
 */
export async function resetPassword(
  em: EntityManager,
  deps: SessionEndingDeps,
  token: string,
  newPassword: string,
): Promise<void> {
  assertPasswordRules(newPassword, 'newPassword');
  if (!token || token.length > 256) throw new BadUserInput(UNUSABLE, 'token');
  const row = await em.findOne(PasswordResetToken, { tokenHash: hashOf(token) });
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) throw new BadUserInput(UNUSABLE, 'token');
  const user = await em.findOne(User, { id: row.userId, provisioned: true });
  if (!user) throw new BadUserInput(UNUSABLE, 'token');
  const passwordHash = await hashPassword(newPassword);
  await changeAndEndSessions(em, deps, user.id, async (tx) => {
    const spent = await tx.nativeUpdate(
      PasswordResetToken,
      { id: row.id, usedAt: null, expiresAt: { $gt: new Date() } },
      { usedAt: new Date() },
    );
    if (!spent) throw new BadUserInput(UNUSABLE, 'token');
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash, updatedAt: new Date() });
  });
}
