import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127041756 } from './Migration20261127041756';
import { Migration20261130052621 } from './Migration20261130052621';
import { Migration20261130053154 } from './Migration20261130053154';
import { Migration20261202090100 } from './Migration20261202090100';
import { Migration20261203090100 } from './Migration20261203090100';
import { Migration20261203093000 } from './Migration20261203093000';
import { Migration20261204090200 } from './Migration20261204090200';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create appointment`). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127041756', class: Migration20261127041756 },
  { name: 'Migration20261130052621', class: Migration20261130052621 },
  { name: 'Migration20261130053154', class: Migration20261130053154 },
  { name: 'Migration20261202090100', class: Migration20261202090100 },
  { name: 'Migration20261203090100', class: Migration20261203090100 },
  { name: 'Migration20261203093000', class: Migration20261203093000 },
  { name: 'Migration20261204090200', class: Migration20261204090200 },
];
