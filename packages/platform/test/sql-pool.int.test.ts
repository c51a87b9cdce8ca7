import { createConnection } from 'mysql2/promise';
import { isDuplicateKey, openSqlPool, type SqlPool } from '../src/orm/sql-pool';
import { parseDatabaseUrl } from '../src/orm/database-url';
import { ensureMysqlDatabase } from '../src/orm/mysql-admin';
import { dropDatabase, freshDatabaseUrl } from '../src/testing';

/**
 * The plain SQL pool the hot paths share with MikroORM's tables: times go to
 * MariaDB and come back as UTC whatever the process's zone, a transaction is
 * all or nothing, and a unique index's refusal is recognised.
 */
describe('plain SQL pool', () => {
  const url = freshDatabaseUrl('sqlpool');
  let sql: SqlPool;

  beforeAll(async () => {
    await ensureMysqlDatabase(url);
    sql = openSqlPool(url)!;
    await sql.run('create table stamps (id varchar(36) primary key, at datetime(3) not null, note text null)', []);
  });

  afterAll(async () => {
    await sql?.close();
    await dropDatabase(url);
  });

  it('is only for MariaDB URLs: MongoDB keeps the entity manager', () => {
    expect(openSqlPool('mongodb://127.0.0.1:27017/carebook')).toBeNull();
  });

  it('stores times as UTC wall-clock values, as MikroORM does, and reads them back as the same instants', async () => {
    const at = new Date('2030-03-31T01:30:00.123Z');
    await sql.run('insert into stamps (id, at, note) values (?, ?, ?)', ['utc', at, undefined]);
    const [row] = await sql.rows<{ at: Date; stored: string; note: string | null }>(
      "select at, date_format(at, '%Y-%m-%d %H:%i:%s.%f') as stored, note from stamps where id = ?",
      ['utc'],
    );
    expect(row).toEqual({ at, stored: '2030-03-31 01:30:00.123000', note: null });
  });

  it('commits a transaction whole, or nothing of it when its work throws', async () => {
    const at = new Date();
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('insert into stamps (id, at) values (?, ?)', ['rolled-back', at]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await sql.transaction(async (tx) => {
      await tx.run('insert into stamps (id, at) values (?, ?)', ['kept-1', at]);
      await tx.run('insert into stamps (id, at) values (?, ?)', ['kept-2', at]);
    });
    const rows = await sql.rows<{ id: string }>(
      "select id from stamps where id in ('rolled-back', 'kept-1', 'kept-2') order by id",
      [],
    );
    expect(rows.map((row) => row.id)).toEqual(['kept-1', 'kept-2']);
  });

  it('sends deferred writes with the next statement or the commit, escaped as the prepared ones are bound', async () => {
    const at = new Date('2031-10-26T00:59:59.999Z');
    const seen = await sql.transaction(async (tx) => {
      tx.defer('insert into stamps (id, at, note) values (?, ?, ?)', ['deferred-1', at, "it's; a -- note"]);
      tx.defer('insert into stamps (id, at, note) values (?, ?, ?)', ['deferred-2', at, undefined]);
      // This read travels with both inserts (and the BEGIN) and sees them.
      const inside = await tx.rows<{ id: string }>("select id from stamps where id like 'deferred-%' order by id", []);
      expect(await tx.run('update stamps set note = ? where id = ?', ['changed', 'deferred-2'])).toBe(1);
      tx.defer('insert into stamps (id, at) values (?, ?)', ['deferred-3', at]);
      return inside.map((row) => row.id);
    });
    expect(seen).toEqual(['deferred-1', 'deferred-2']);
    const rows = await sql.rows<{ id: string; at: Date; note: string | null }>(
      "select id, at, note from stamps where id like 'deferred-%' order by id",
      [],
    );
    expect(rows).toEqual([
      { id: 'deferred-1', at, note: "it's; a -- note" },
      { id: 'deferred-2', at, note: 'changed' },
      { id: 'deferred-3', at, note: null },
    ]);
  });

  it('fails a transaction whose deferred write fails at the commit, and keeps none of its statements', async () => {
    const failure = await sql
      .transaction(async (tx) => {
        await tx.run('insert into stamps (id, at) values (?, ?)', ['before-duplicate', new Date()]);
        tx.defer('insert into stamps (id, at) values (?, ?)', ['deferred-1', new Date()]);
      })
      .catch((error: unknown) => error);
    expect(isDuplicateKey(failure)).toBe(true);
    expect(await sql.rows("select id from stamps where id = 'before-duplicate'", [])).toEqual([]);
    // The connection went back clean: the next transaction commits as usual.
    await sql.transaction(async (tx) => {
      tx.defer('insert into stamps (id, at) values (?, ?)', ['after-duplicate', new Date()]);
      return Promise.resolve();
    });
    expect(await sql.rows("select id from stamps where id = 'after-duplicate'", [])).toHaveLength(1);
  });

  it('writes a conditional write and its follow-ups in one go: all when it changed a row, nothing else when not', async () => {
    const at = new Date('2032-02-29T23:59:59.999Z');
    await sql.run('insert into stamps (id, at, note) values (?, ?, ?)', ['guarded', at, 'free']);
    const claim = (id: string) =>
      sql.writeThen("update stamps set note = 'taken' where id = ? and note = 'free'", ['guarded'], (then) => {
        then.defer('insert into stamps (id, at, note) values (?, ?, ?)', [`${id}-event`, at, "it's (taken); --"]);
        then.defer('insert into stamps (id, at) values (?, ?)', [`${id}-history`, at]);
      });
    expect(await claim('first')).toBe(1);
    // The second finds the row taken: its follow-ups are not written.
    expect(await claim('second')).toBe(0);
    const rows = await sql.rows<{ id: string; at: Date; note: string | null }>(
      "select id, at, note from stamps where id like 'first-%' or id like 'second-%' order by id",
      [],
    );
    expect(rows).toEqual([
      { id: 'first-event', at, note: "it's (taken); --" },
      { id: 'first-history', at, note: null },
    ]);
  });

  it('undoes a conditional write whose follow-up fails, and refuses a follow-up that is not a single-row insert', async () => {
    const at = new Date();
    await sql.run('insert into stamps (id, at, note) values (?, ?, ?)', ['undone', at, 'free']);
    const take = (followUp: string, values: unknown[]) =>
      sql
        .writeThen("update stamps set note = 'taken' where id = ? and note = 'free'", ['undone'], (then) =>
          then.defer(followUp, values),
        )
        .catch((error: unknown) => error);
    // A duplicate key in the follow-up: the update is not kept either.
    expect(isDuplicateKey(await take('insert into stamps (id, at) values (?, ?)', ['undone', at]))).toBe(true);
    expect(await take('update stamps set note = ? where id = ?', ['x', 'undone'])).toBeInstanceOf(Error);
    const [row] = await sql.rows<{ note: string }>("select note from stamps where id = 'undone'", []);
    expect(row.note).toBe('free');
  });

  it('answers how many rows a write changed, and tells a duplicate key from other failures', async () => {
    expect(await sql.run('update stamps set note = ? where id like ?', ['seen', 'kept-%'])).toBe(2);
    const duplicate = await sql
      .run('insert into stamps (id, at) values (?, ?)', ['kept-1', new Date()])
      .catch((error: unknown) => error);
    expect(isDuplicateKey(duplicate)).toBe(true);
    const missingTable = await sql.rows('select * from no_such_table', []).catch((error: unknown) => error);
    expect(isDuplicateKey(missingTable)).toBe(false);
  });

  it('replaces a connection the server closed (its idle timeout, a restart) instead of failing on it', async () => {
    const [{ id }] = await sql.rows<{ id: number }>('select connection_id() as id', []);
    const admin = await createConnection({ uri: parseDatabaseUrl(url).serverUrl });
    try {
      await admin.query(`kill ${Number(id)}`);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [{ answer }] = await sql.rows<{ answer: number }>('select 42 as answer', []);
    expect(answer).toBe(42);
  });
});
