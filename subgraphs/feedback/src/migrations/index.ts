import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127075501 } from './Migration20261127075501';
import { Migration20261130053243 } from './Migration20261130053243';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create feedback`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127075501', class: Migration20261127075501 },
  { name: 'Migration20261130053243', class: Migration20261130053243 },
];
