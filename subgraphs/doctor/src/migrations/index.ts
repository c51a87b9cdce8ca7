import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127031134 } from './Migration20261127031134';
import { Migration20261130174346 } from './Migration20261130174346';
import { Migration20261202090000 } from './Migration20261202090000';
import { Migration20261203090000 } from './Migration20261203090000';
import { Migration20261204090000 } from './Migration20261204090000';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create doctor`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127031134', class: Migration20261127031134 },
  { name: 'Migration20261130174346', class: Migration20261130174346 },
  { name: 'Migration20261202090000', class: Migration20261202090000 },
  { name: 'Migration20261203090000', class: Migration20261203090000 },
  { name: 'Migration20261204090000', class: Migration20261204090000 },
];
