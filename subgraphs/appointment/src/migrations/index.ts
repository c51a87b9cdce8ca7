import type { MigrationObject } from '@mikro-orm/core';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create appointment`). */
export const migrations: MigrationObject[] = [];
