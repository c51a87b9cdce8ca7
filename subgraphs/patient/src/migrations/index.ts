import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127031443 } from './Migration20261127031443';
import { Migration20261127034705 } from './Migration20261127034705';
import { Migration20261130052958 } from './Migration20261130052958';
import { Migration20261130084548 } from './Migration20261130084548';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create patient`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127031443', class: Migration20261127031443 },
  { name: 'Migration20261127034705', class: Migration20261127034705 },
  { name: 'Migration20261130052958', class: Migration20261130052958 },
  { name: 'Migration20261130084548', class: Migration20261130084548 },
];
