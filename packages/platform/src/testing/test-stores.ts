import { randomBytes } from 'node:crypto';
import { databaseUrlOn, freshDatabaseUrl } from './test-database';

export interface TestStore {
  name: 'MariaDB' | 'MongoDB';
  /** A fresh database of this store for one suite; null when the store is not available here. */
  freshUrl: (() => string) | null;
  /** Why the store is not available (the name of the unset variable). */
  unavailable?: string;
}

/**
 * The stores a service that runs on both (scheduling, appointment) is
 * tested against: MariaDB always (MYSQL_URL or the local default), MongoDB
 * when MONGO_URL names a server (a replica set, for transactions).
 */
export function testStores(service: string, env: NodeJS.ProcessEnv = process.env): TestStore[] {
  const mongo = env.MONGO_URL?.trim();
  return [
    { name: 'MariaDB', freshUrl: () => freshDatabaseUrl(service) },
    mongo
      ? {
          name: 'MongoDB',
          freshUrl: () => databaseUrlOn(mongo, `carebook_test_${service}_${randomBytes(4).toString('hex')}`),
        }
      : { name: 'MongoDB', freshUrl: null, unavailable: 'MONGO_URL is unset' },
  ];
}

/**
 * `describe.each` over the test stores of a service, with `%s` in the title
 * standing for the store. A store that is not available here is still
 * declared, as `describe.skip` with the reason in its name, so jest reports
 * its tests as skipped instead of letting them vanish from the count.
 */
export function describeEachStore(service: string) {
  return (title: string, body: (store: TestStore['name'], databaseUrl: () => string) => void): void => {
    for (const store of testStores(service)) {
      const name = title.replace('%s', store.name);
      const freshUrl = store.freshUrl;
      if (freshUrl) describe(name, () => body(store.name, freshUrl));
      else
        describe.skip(`${name}: skipped, ${store.unavailable}`, () =>
          body(store.name, () => {
            throw new Error(`${store.name} is not available: ${store.unavailable}`);
          }));
    }
  };
}
