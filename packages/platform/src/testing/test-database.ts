import { randomBytes } from 'node:crypto';
import { dropMysqlDatabase } from '../orm/mysql-admin';

/**
 * The URL of database `name` on the server of `serverUrl`: the path is
 * replaced, userinfo, hosts (a MongoDB seed list too) and the query string
 * (`?replicaSet=rs0`, `?ssl=true`) are kept.
 */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const [base, ...query] = serverUrl.split('?');
  const authority = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)/i.exec(base)?.[1];
  if (!authority) throw new Error(`Not a server URL: ${serverUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
  return `${authority}/${name}${query.length ? `?${query.join('?')}` : ''}`;
}

/** A fresh database URL per test suite (random suffix); drop it in afterAll. */
export function freshDatabaseUrl(service: string): string {
  return databaseUrlOn(
    process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    `carebook_test_${service}_${randomBytes(4).toString('hex')}`,
  );
}

export const dropDatabase = dropMysqlDatabase;
