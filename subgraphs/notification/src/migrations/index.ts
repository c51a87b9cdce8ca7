import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127075321 } from './Migration20261127075321';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create notification`). */
export const migrations: MigrationObject[] = [{ name: 'Migration20261127075321', class: Migration20261127075321 }];
