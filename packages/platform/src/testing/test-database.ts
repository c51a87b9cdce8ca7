import { randomBytes } from 'node:crypto';
import { dropMysqlDatabase } from '../orm/mysql-admin';

/** A fresh database URL per test suite (random suffix); drop it in afterAll. */
export function freshDatabaseUrl(service: string): string {
  const server = (process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
  return `${server}/carebook_test_${service}_${randomBytes(4).toString('hex')}`;
}

export const dropDatabase = dropMysqlDatabase;
