import type { EntityClass, MigrationObject, MikroORM } from '@mikro-orm/core';
import { ConfigError } from '../config/load-config';
import type { ServiceConfig } from '../config/service-config';
import { createLogger } from '../logger';
import { openOrm } from '../orm/open-orm';
import { EncryptionKeys, fieldSealerFor } from './encryption-keys';
import { rotateSealedFields, SealedTable, TableRotation } from './key-rotation';

export interface KeyRotationCommand {
  service: string;
  /** The service's own config loader (its DB URL and DATA_ENCRYPTION_KEYS / DATA_ENCRYPTION_KEY_ID). */
  loadConfig: () => ServiceConfig & { encryption: EncryptionKeys };
  entities: EntityClass<object>[];
  migrations: MigrationObject[];
  stores?: Array<'mysql' | 'mongodb'>;
  targets: readonly SealedTable[];
}

/** Exit codes: 0 done; 1 failed, or values that do not open; 130 stopped by a signal (run again to resume). */
export const ROTATION_INTERRUPTED = 130;

function batchSizeFrom(argv: string[]): number {
  const index = argv.indexOf('--batch-size');
  if (index < 0) return 200;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 10_000)
    throw new ConfigError(['--batch-size: must be a whole number from 1 to 10000']);
  return value;
}

function summary(table: TableRotation): string {
  const from = table.resumedAfter ? ` (resumed after ${table.resumedAfter})` : '';
  const state = table.finished ? 'done' : 'stopped; run again to resume';
  return `${table.table}${from}: ${table.rows} ${table.rows === 1 ? 'row' : 'rows'}, ${table.resealed} re-sealed, ${table.alreadyCurrent} already current, ${table.changedMeanwhile} changed meanwhile, ${table.unreadable} unreadable; ${state}`;
}

/**
 * Entry point of a service's key rotation process (`node dist/rotate-keys.js
 * [--batch-size N]`): opens its store (applying its migrations), re-seals
 * every sealed value under the active key, prints one line per table and
 * exits. SIGINT/SIGTERM stop it after the batch in progress.
 */
export function runKeyRotation(command: KeyRotationCommand): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  let orm: MikroORM | undefined;
  void (async () => {
    const config = command.loadConfig();
    const batchSize = batchSizeFrom(process.argv.slice(2));
    const logger = createLogger(`${command.service}-key-rotation`, config.logLevel);
    orm = await openOrm({
      url: config.databaseUrl,
      entities: command.entities,
      migrations: command.migrations,
      logger,
      stores: command.stores,
    });
    const sealer = fieldSealerFor(config.encryption, logger);
    const report = await rotateSealedFields({
      em: orm.em,
      sealer,
      targets: command.targets,
      batchSize,
      signal: controller.signal,
      logger,
    });
    for (const table of report) process.stdout.write(`[${command.service}] ${summary(table)}\n`);
    process.stdout.write(`[${command.service}] active key: ${sealer.activeKeyId}\n`);
    if (report.some((table) => table.unreadable > 0)) return 1;
    return report.length === command.targets.length && report.every((table) => table.finished)
      ? 0
      : ROTATION_INTERRUPTED;
  })()
    .catch((error: unknown) => {
      process.stderr.write(
        `[${command.service}] ${error instanceof ConfigError ? error.message : `key rotation failed: ${(error as Error)?.stack ?? error}`}\n`,
      );
      return 1;
    })
    .then(async (code) => {
      await orm?.close(true).catch(() => undefined);
      process.exit(code);
    });
}
