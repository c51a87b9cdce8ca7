import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127035556 } from './Migration20261127035556';
import { Migration20261204090100 } from './Migration20261204090100';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create scheduling`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127035556', class: Migration20261127035556 },
  { name: 'Migration20261204090100', class: Migration20261204090100 },
];
