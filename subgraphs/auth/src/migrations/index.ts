import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127030241 } from './Migration20261127030241';
import { Migration20261130053434 } from './Migration20261130053434';
import { Migration20261130084247 } from './Migration20261130084247';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create auth`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127030241', class: Migration20261127030241 },
  { name: 'Migration20261130053434', class: Migration20261130053434 },
  { name: 'Migration20261130084247', class: Migration20261130084247 },
];
