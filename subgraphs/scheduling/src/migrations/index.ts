import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127035556 } from './Migration20261127035556';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create scheduling`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127035556', class: Migration20261127035556 },
];
