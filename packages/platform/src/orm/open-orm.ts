import type { EntityClass, MigrationObject, MikroORM as CoreORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as MySqlORM } from '@mikro-orm/mysql';
import type { Logger } from 'pino';
import { parseDatabaseUrl } from './database-url';
import { ensureMysqlDatabase } from './mysql-admin';

export interface OrmOptions {
  url: string;
  entities: EntityClass<object>[];
  /** Checked-in migrations, in order (MySQL). */
  migrations: MigrationObject[];
  logger: Logger;
  /** Stores the service supports; the URL's scheme must be one of them. */
  stores?: Array<'mysql' | 'mongodb'>;
}

export function mysqlOrmConfig(options: Omit<OrmOptions, 'logger'> & { logger?: Logger }) {
  const target = parseDatabaseUrl(options.url);
  return {
    clientUrl: target.serverUrl,
    dbName: target.dbName,
    entities: options.entities,
    extensions: [Migrator],
    // MySQL commits DDL implicitly, so migrations cannot be wrapped in a transaction there.
    migrations: {
      migrationsList: options.migrations,
      transactional: false,
      allOrNothing: false,
      snapshot: false,
      disableForeignKeys: false,
    },
    discovery: { warnWhenNoEntities: true },
    timezone: '+00:00',
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // Idle connections close after 30 s (tarn's default); checked every 10 s rather than every second, which woke idle services.
    pool: { min: 0, max: 10, reapIntervalMillis: 10_000 },
    logger: (message: string) => options.logger?.debug(message),
  };
}

/**
 * MongoDB: the same entity classes, `id` stored as `_id`, collections and
 * indexes created at start (transactions need the collections to exist and
 * a replica set).
 */
async function openMongo(options: OrmOptions): Promise<CoreORM> {
  // Loaded only for MongoDB URLs, so MySQL-only deployments never touch the driver.
  const { MikroORM, MongoNamingStrategy } = await import('@mikro-orm/mongodb');
  // One entity class for both stores: the string key is `id` in code and SQL, `_id` in MongoDB (which the driver requires).
  class IdAsMongoIdNamingStrategy extends MongoNamingStrategy {
    override propertyToColumnName(propertyName: string): string {
      return propertyName === 'id' ? '_id' : super.propertyToColumnName(propertyName);
    }
  }
  const target = parseDatabaseUrl(options.url);
  const orm = await MikroORM.init({
    clientUrl: options.url,
    dbName: target.dbName,
    entities: options.entities,
    namingStrategy: IdAsMongoIdNamingStrategy,
    implicitTransactions: true,
    ensureIndexes: true,
    allowGlobalContext: false,
    logger: (message: string) => options.logger.debug(message),
  });
  await orm.schema.createSchema();
  return orm;
}

/**
 * Opens the service's store, chosen by the URL's scheme, and brings its
 * schema up to date: checked-in migrations on MySQL (creating the database on
 * first start), collections and indexes on MongoDB.
 */
export async function openOrm(options: OrmOptions): Promise<CoreORM> {
  const target = parseDatabaseUrl(options.url);
  const stores = options.stores ?? ['mysql'];
  if (!stores.includes(target.kind))
    throw new Error(`This service runs on ${stores.join(' or ')}; got a ${target.kind} URL.`);
  if (target.kind === 'mongodb') return openMongo(options);
  await ensureMysqlDatabase(options.url);
  const orm = await MySqlORM.init(mysqlOrmConfig(options));
  const applied = await orm.getMigrator().up();
  if (applied.length) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return orm;
}
