import type { EntityClass, MikroORM as CoreORM } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/mysql';
import type { Logger } from 'pino';
import { parseDatabaseUrl } from './database-url';
import { ensureMysqlDatabase } from './mysql-admin';

export interface OrmOptions {
  url: string;
  entities: EntityClass<any>[];
  /** Checked-in migrations, in order. */
  migrations: MigrationObject[];
  logger: Logger;
}

export function mysqlOrmConfig(options: Omit<OrmOptions, 'logger'> & { logger?: Logger }) {
  const target = parseDatabaseUrl(options.url);
  return {
    clientUrl: target.serverUrl,
    dbName: target.dbName,
    entities: options.entities,
    extensions: [Migrator],
    // MySQL commits DDL implicitly, so migrations cannot be wrapped in a transaction there.
    migrations: { migrationsList: options.migrations, transactional: false, allOrNothing: false, snapshot: false, disableForeignKeys: false },
    discovery: { warnWhenNoEntities: true },
    timezone: '+00:00',
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: 10 },
    logger: (message: string) => options.logger?.debug(message),
  };
}

/**
 * Opens the service's store and brings its schema up to date with the
 * checked-in migrations, creating the database on first start.
 */
export async function openOrm(options: OrmOptions): Promise<CoreORM> {
  const target = parseDatabaseUrl(options.url);
  if (target.kind !== 'mysql') throw new Error(`This service runs on MySQL only; got a ${target.kind} URL.`);
  await ensureMysqlDatabase(options.url);
  const orm = await MikroORM.init(mysqlOrmConfig(options));
  const applied = await orm.getMigrator().up();
  if (applied.length) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return orm as unknown as CoreORM;
}
