import type { MigrationObject } from '@mikro-orm/core';

/** Checked-in migrations in the order they apply (written by `pnpm migration:create scheduling`). */
export const migrations: MigrationObject[] = [];
