import { Unauthenticated } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User } from '../entities/user.entity';
import { AccessTokenSettings, signAccessToken } from './access-token';

export interface SessionSettings extends AccessTokenSettings {
  refreshTtlDays: number;
}

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: User;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function issue(
  em: EntityManager,
  settings: SessionSettings,
  user: User,
  familyId: string,
): Promise<IssuedSession> {
  const refreshToken = randomBytes(32).toString('base64url');
  em.create(RefreshToken, {
    tokenHash: hashRefreshToken(refreshToken),
    userId: user.id,
    familyId,
    expiresAt: new Date(Date.now() + settings.refreshTtlDays * 86_400_000),
  });
  await em.flush();
  const access = await signAccessToken(settings, user);
  await assertUnchangedSinceRead(em, user, familyId);
  return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, user };
}

/**
 * A change that ends sessions (session-ending.ts) may commit while this one
 * is being issued, between reading the user and signing. Reading the user
 * again after signing settles it: if nothing changed yet, the token was
 * signed before the change's final revocation and falls with it; if
 * something did, this session is ended here and the caller signs in again.
 */
async function assertUnchangedSinceRead(em: EntityManager, user: User, familyId: string): Promise<void> {
  const now = await em.fork().findOne(User, { id: user.id });
  if (now && now.active && now.role === user.role && now.passwordHash === user.passwordHash) return;
  await revokeFamily(em, familyId);
  throw new Unauthenticated(
    'Your account changed while you were signing in (its password, role or status); sign in again.',
  );
}

/** Starts a new session (a new refresh-token family) for a signed-in user. */
export function startSession(em: EntityManager, settings: SessionSettings, user: User): Promise<IssuedSession> {
  return issue(em, settings, user, randomUUID());
}

/**
 * Exchanges a refresh token for a new pair. The token is spent with one
 * conditional update, so two concurrent uses cannot both succeed; a token
 * shown after it was spent revokes its whole family.
 */
export async function rotateSession(
  em: EntityManager,
  settings: SessionSettings,
  presented: string,
): Promise<IssuedSession> {
  const row = await em.findOne(RefreshToken, { tokenHash: hashRefreshToken(presented) });
  if (!row || row.expiresAt.getTime() <= Date.now()) {
    throw new Unauthenticated('This refresh token is unknown or has expired; sign in again.');
  }
  const now = new Date();
  const spent =
    row.usedAt || row.revokedAt
      ? 0
      : await em.nativeUpdate(RefreshToken, { id: row.id, usedAt: null, revokedAt: null }, { usedAt: now });
  if (spent === 0) {
    await revokeFamily(em, row.familyId);
    throw new Unauthenticated(
      'This refresh token was already used or revoked; for your safety this session has ended. Sign in again.',
    );
  }
  const user = await em.findOne(User, { id: row.userId });
  if (!user || !user.active || !user.provisioned) {
    await revokeFamily(em, row.familyId);
    throw new Unauthenticated('This account is deactivated; contact the clinic.');
  }
  return issue(em, settings, user, row.familyId);
}

export async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

export async function revokeAllSessionsOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: new Date() });
}
