import { InternalError, Logger, RevocationWriter } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { revokeAllSessionsOf } from './sessions';

export interface SessionEndingDeps {
  revocations: RevocationWriter;
  logger: Logger;
}

/**
 * Makes a change to a user that must end every session they hold
 * (deactivation, a new role or password, signing out everywhere): their
 * refresh tokens end with the change, and their access tokens are refused
 * by the gateway and every subgraph from the moment the revocation is
 * published.
 *
 * 1. The revocation goes to Redis first: if it cannot, nothing changes.
 * 2. The change and the end of the refresh tokens commit together.
 * 3. Both are repeated after the commit, for a sign-in that read the user
 *    before it and signed after the first mark (sessions.ts also reads the
 *    user again after signing, and refuses if it changed meanwhile).
 */
export async function changeAndEndSessions<T>(
  em: EntityManager,
  deps: SessionEndingDeps,
  userId: string,
  change: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    await deps.revocations.revokeTokensOf(userId);
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'could not record a revocation (Redis); the change was refused');
    throw new InternalError(
      'Sessions cannot be ended right now (the session store is unreachable), so nothing was changed; please try again in a moment.',
    );
  }
  const result = await em.transactional(async (tx) => {
    const changed = await change(tx);
    await revokeAllSessionsOf(tx, userId);
    return changed;
  });
  try {
    await deps.revocations.revokeTokensOf(userId);
  } catch (error) {
    deps.logger.error(
      { err: error, userId },
      'could not repeat a revocation after its change; a sign-in in that very moment may keep its access token until it expires',
    );
  }
  await revokeAllSessionsOf(em, userId);
  return result;
}
