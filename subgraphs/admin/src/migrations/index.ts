import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127031330 } from './Migration20261127031330';
import { Migration20261130053320 } from './Migration20261130053320';
import { Migration20261130174345 } from './Migration20261130174345';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create admin`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127031330', class: Migration20261127031330 },
  { name: 'Migration20261130053320', class: Migration20261130053320 },
  { name: 'Migration20261130174345', class: Migration20261130174345 },
];
