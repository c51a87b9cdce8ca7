import type { Logger, ServiceClient } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import { discardPendingUser } from './user-accounts';

/**
 * Removes users whose profile was never completed (a crash or outage between
 * the two steps of registration or doctor creation), once they are older
 * than the grace period. Safe to run on every auth instance at once.
 */
export async function reconcileUnprovisionedUsers(
  orm: MikroORM,
  services: ServiceClient,
  graceSeconds: number,
  logger: Logger,
): Promise<number> {
  const em = orm.em.fork();
  const stale = await em.find(
    User,
    { provisioned: false, createdAt: { $lt: new Date(Date.now() - graceSeconds * 1000) } },
    { limit: 100 },
  );
  let removed = 0;
  for (const user of stale) {
    if (await discardPendingUser(em, services, user, logger)) removed += 1;
  }
  if (removed) logger.info({ removed }, 'removed users whose profile was never completed');
  return removed;
}

export function scheduleReconciler(run: () => Promise<unknown>, everyMs: number, logger: Logger): () => void {
  const timer = setInterval(
    () => run().catch((error) => logger.warn({ err: error }, 'provisioning reconciler failed; will retry')),
    everyMs,
  );
  timer.unref();
  return () => clearInterval(timer);
}
