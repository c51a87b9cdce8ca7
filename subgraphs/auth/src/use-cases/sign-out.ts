import { BadUserInput } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { RefreshToken } from '../entities/refresh-token.entity';
import { changeAndEndSessions, SessionEndingDeps } from './session-ending';
import { hashRefreshToken, revokeFamily } from './sessions';

/**
 * Signs this device out: ends the refresh-token family the token belongs to
 * (it and every token rotated from it). The access token in hand lapses at
 * its expiry; the client discards it. Signing out twice is no error.
 */
export async function logout(em: EntityManager, refreshToken: string): Promise<void> {
  const row = await em.findOne(RefreshToken, { tokenHash: hashRefreshToken(refreshToken) });
  if (!row)
    throw new BadUserInput('This refresh token is unknown, so there is no session to sign out of.', 'refreshToken');
  await revokeFamily(em, row.familyId);
}

/** Signs the user out on every device: every refresh token ends, and every access token is refused within moments. */
export async function logoutEverywhere(em: EntityManager, deps: SessionEndingDeps, userId: string): Promise<void> {
  await changeAndEndSessions(em, deps, userId, async () => undefined);
}
