import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from './database-url';

async function withServer<T>(url: string, work: (run: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const target = parseDatabaseUrl(url);
  const connection = await createConnection({ uri: target.serverUrl });
  try {
    return await work((sql) => connection.query(sql));
  } finally {
    await connection.end();
  }
}

/** Creates the service's database on first start; a no-op afterwards. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const { dbName } = parseDatabaseUrl(url);
  await withServer(url, (run) =>
    run(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
}

export async function dropMysqlDatabase(url: string): Promise<void> {
  const { dbName } = parseDatabaseUrl(url);
  await withServer(url, (run) => run(`DROP DATABASE IF EXISTS \`${dbName}\``));
}
