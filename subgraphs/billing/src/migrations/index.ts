import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127075500 } from './Migration20261127075500';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create billing`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127075500', class: Migration20261127075500 },
];
