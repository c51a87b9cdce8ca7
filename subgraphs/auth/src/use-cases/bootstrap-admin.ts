import { Logger, Role } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import { hashPassword } from './password';
import { normaliseEmail } from './user-accounts';

/** Creates the first admin from the environment when the clinic has none, so someone can sign in and manage it. */
export async function ensureBootstrapAdmin(
  em: EntityManager,
  email: string | undefined,
  password: string | undefined,
  logger: Logger,
): Promise<void> {
  if (!email || !password) return;
  if (await em.count(User, { role: Role.ADMIN, active: true })) return;
  const normalised = normaliseEmail(email);
  const existing = await em.findOne(User, { email: normalised });
  if (existing) {
    existing.role = Role.ADMIN;
    existing.active = true;
    existing.provisioned = true;
  } else {
    em.create(User, {
      email: normalised,
      passwordHash: await hashPassword(password),
      role: Role.ADMIN,
      active: true,
      provisioned: true,
    });
  }
  await em.flush();
  logger.info('bootstrap admin created from BOOTSTRAP_ADMIN_EMAIL');
}
