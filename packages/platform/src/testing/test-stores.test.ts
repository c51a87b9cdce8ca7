import { databaseUrlOn } from './test-database';
import { testStores } from './test-stores';

describe('the test stores', () => {
  it('puts the database name in the path and keeps the query string of a MongoDB URL', () => {
    expect(databaseUrlOn('mongodb://mongo:27017/?replicaSet=rs0', 'carebook_test_x')).toBe(
      'mongodb://mongo:27017/carebook_test_x?replicaSet=rs0',
    );
    expect(databaseUrlOn('mongodb://mongo:27017?replicaSet=rs0&w=majority', 'db')).toBe(
      'mongodb://mongo:27017/db?replicaSet=rs0&w=majority',
    );
    expect(databaseUrlOn('mongodb://user:secret@a:27017,b:27017,c:27017/admin?replicaSet=rs0', 'db')).toBe(
      'mongodb://user:secret@a:27017,b:27017,c:27017/db?replicaSet=rs0',
    );
    expect(databaseUrlOn('mongodb+srv://cluster.example.org/', 'db')).toBe('mongodb+srv://cluster.example.org/db');
    expect(databaseUrlOn('mysql://root@127.0.0.1:3306', 'db')).toBe('mysql://root@127.0.0.1:3306/db');
    expect(() => databaseUrlOn('127.0.0.1:3306', 'db')).toThrow(/Not a server URL/);
  });

  it('offers MariaDB always and MongoDB only when MONGO_URL is set, saying why not', () => {
    const without = testStores('scheduling', {});
    expect(without.map((s) => [s.name, s.freshUrl === null, s.unavailable])).toEqual([
      ['MariaDB', false, undefined],
      ['MongoDB', true, 'MONGO_URL is unset'],
    ]);
    const mongo = testStores('appointment', { MONGO_URL: 'mongodb://mongo:27017/?replicaSet=rs0' })[1];
    expect(mongo.freshUrl?.()).toMatch(
      /^mongodb:\/\/mongo:27017\/carebook_test_appointment_[0-9a-f]{8}\?replicaSet=rs0$/,
    );
    expect(mongo.freshUrl?.()).not.toBe(mongo.freshUrl?.());
  });
});
