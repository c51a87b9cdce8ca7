import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127031443 } from './Migration20261127031443';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create patient`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127031443', class: Migration20261127031443 },
];
