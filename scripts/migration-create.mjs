#!/usr/bin/env node
// Writes a migration for a service from the difference between its entities
// and its checked-in migrations, then regenerates src/migrations/index.ts.
// Usage: pnpm build && pnpm migration:create <service>
import { createRequire } from 'node:module';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const service = process.argv[2];
if (!service) {
  console.error('usage: pnpm migration:create <service>');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'subgraphs', service);
const require = createRequire(join(dir, 'package.json'));
const platform = require('@carebook/platform');
const { MikroORM } = require(require.resolve('@mikro-orm/mysql', { paths: [join(root, 'packages/platform')] }));
const { entities } = require(join(dir, 'dist/entities/index.js'));
const { migrations } = require(join(dir, 'dist/migrations/index.js'));

const migrationsDir = join(dir, 'src/migrations');
const server = (process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const url = `${server}/carebook_migration_${service}_${randomBytes(3).toString('hex')}`;
await platform.ensureMysqlDatabase(url);
try {
  const config = platform.mysqlOrmConfig({ url, entities, migrations });
  config.migrations = { ...config.migrations, path: migrationsDir, pathTs: migrationsDir, emit: 'ts' };
  const orm = await MikroORM.init(config);
  await orm.getMigrator().up();
  const created = await orm.getMigrator().createMigration(migrationsDir);
  await orm.close(true);
  console.log(
    created.fileName
      ? `wrote ${join(migrationsDir, created.fileName)}`
      : 'entities match the migrations; nothing to write',
  );
} finally {
  await platform.dropMysqlDatabase(url);
}

const names = readdirSync(migrationsDir)
  .filter((f) => /^Migration\d+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
writeFileSync(
  join(migrationsDir, 'index.ts'),
  `import type { MigrationObject } from '@mikro-orm/core';\n${names.map((n) => `import { ${n} } from './${n}';`).join('\n')}\n\n` +
    `/** Checked-in migrations in the order they apply (written by \`pnpm migration:create ${service}\`). */\n` +
    `export const migrations: MigrationObject[] = [${names.map((n) => `\n  { name: '${n}', class: ${n} },`).join('')}${names.length ? '\n' : ''}];\n`,
);
