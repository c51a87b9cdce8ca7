import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127031134 } from './Migration20261127031134';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create doctor`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127031134', class: Migration20261127031134 },
];
