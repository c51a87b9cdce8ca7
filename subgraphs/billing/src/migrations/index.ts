import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127075500 } from './Migration20261127075500';
import { Migration20261203093000 } from './Migration20261203093000';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create billing`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127075500', class: Migration20261127075500 },
  { name: 'Migration20261203093000', class: Migration20261203093000 },
];
