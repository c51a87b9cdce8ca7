import { createPool, type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';

/** What `execute` takes as values (mysql2 does not export the type from its promise API). */
type ExecuteValues = Parameters<Pool['execute']>[1];
import { parseDatabaseUrl } from './database-url';

/** Statements on one connection: inside a transaction, or each on its own. */
export interface SqlRunner {
  /** A write; answers how many rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** A read; the rows as the driver gives them (DATETIME columns as UTC Dates). */
  rows<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
}

/** Statements inside one transaction. */
export interface SqlTransaction extends SqlRunner {
  /**
   * A write whose answer nobody waits for (an insert of a new row, an outbox event): it travels with the next
   * statement or with the commit, several in one round trip, and its failure (a duplicate key) fails the
   * transaction there, as it would have failed it here.
   */
  defer(sql: string, params: readonly unknown[]): void;
}

/** Where writes nobody waits for are handed over (a transaction, or `writeThen`'s follow-ups). */
export type SqlDeferrer = Pick<SqlTransaction, 'defer'>;

export interface SqlPool extends SqlRunner {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
   * The BEGIN travels with the first statement and deferred writes with the next one or the COMMIT.
   */
  transaction<T>(work: (sql: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * A conditional write and what follows from it, in one transaction and one round trip: BEGIN, the write, the
   * single-row inserts `followUps` defers (each made conditional on the write having changed a row), COMMIT.
   * Answers how many rows the write changed; with none, nothing else was written. The follow-ups are given
   * before the answer is known, so they may depend only on what the caller knows already.
   */
  writeThen(sql: string, params: readonly unknown[], followUps: (then: SqlDeferrer) => void): Promise<number>;
  /** Statements that need no transaction, in order and in one round trip (each commits on its own); their results. */
  batch(statements: ReadonlyArray<readonly [sql: string, params: readonly unknown[]]>): Promise<unknown[]>;
  /** Opens up to `connections` now (at most the pool's size), so a burst about to come pays no handshakes. */
  warm(connections: number): Promise<void>;
  close(): Promise<void>;
}

/** Connections per pool: enough for a service's concurrent statements, few enough for MariaDB's connection limit. */
const CONNECTION_LIMIT = 10;

/**
 * Plain SQL beside MikroORM for a few hot statements (the booking's
 * transactions, the outbox relay): measured on this machine, a transaction of
 * five statements cost 2.8 ms of CPU through the entity manager, 1.3 ms as
 * `em.execute` and 0.3 ms as prepared statements on mysql2 itself. Null for a
 * MongoDB URL: there those paths keep the entity manager.
 * Its own pool: UTC on the wire as MikroORM's, at most 10 connections, kept
 * open (mysql2 closes idle ones only with `maxIdle` below the limit, and then
 * checks every second and reopens them under load, each with a handshake and
 * its statements prepared again; one closed by the server is dropped).
 * Inside a transaction, statements go out in batches (one multi-statement
 * text query: BEGIN with the first read or write, deferred inserts with the
 * next statement or the COMMIT): on this machine every round trip costs tens
 * of microseconds of socket writes in each process, and a booking's
 * transactions went from 4-6 round trips each to 2 (a conditional write and
 * the rows that follow from it, `writeThen`, to 1). Batched values are
 * escaped by mysql2's `format` with the pool's settings (UTC), never pasted.
 */
export function openSqlPool(url: string): SqlPool | null {
  const target = parseDatabaseUrl(url);
  if (target.kind !== 'mysql') return null;
  const server = new URL(target.serverUrl);
  const pool = createPool({
    host: server.hostname,
    port: server.port ? Number(server.port) : 3306,
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: target.dbName,
    timezone: 'Z',
    connectionLimit: CONNECTION_LIMIT,
    // Only transaction batches use it, and only with values mysql2 escaped (`format`).
    multipleStatements: true,
  });
  return {
    run: (sql, params) => run(pool, sql, params),
    rows: (sql, params) => rows(pool, sql, params),
    async transaction(work) {
      const connection = await pool.getConnection();
      const batch = new StatementBatch(connection);
      try {
        const result = await work({
          run: async (sql, params) => ((await batch.send(sql, params)) as ResultSetHeader).affectedRows,
          rows: async <T>(sql: string, params: readonly unknown[]) => (await batch.send(sql, params)) as T[],
          defer: (sql, params) => batch.defer(sql, params),
        });
        await batch.send('commit', []);
        return result;
      } catch (error) {
        // Nothing to roll back when not even the BEGIN went out.
        if (batch.begun) await connection.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async writeThen(sql, params, followUps) {
      const connection = await pool.getConnection();
      try {
        const then: string[] = [];
        followUps({ defer: (insert, values) => then.push(onlyIfChanged(connection.format(insert, bindable(values)))) });
        const statements = ['begin', connection.format(sql, bindable(params)), `set ${CHANGED} = row_count()`];
        const [results] = await connection.query([...statements, ...then, 'commit'].join(';\n'));
        return (results as ResultSetHeader[])[1].affectedRows;
      } catch (error) {
        // A follow-up that failed (a duplicate key) stopped the batch inside the transaction: undo the write too.
        await connection.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async batch(statements) {
      const connection = await pool.getConnection();
      try {
        const text = statements.map(([sql, params]) => connection.format(sql, bindable(params))).join(';\n');
        const [results] = await connection.query(text);
        // One statement's answer comes alone, several come as a list.
        return statements.length === 1 ? [results] : (results as unknown[]);
      } finally {
        connection.release();
      }
    },
    async warm(connections) {
      const opened = await Promise.all(
        Array.from({ length: Math.min(connections, CONNECTION_LIMIT) }, () => pool.getConnection()),
      );
      for (const connection of opened) connection.release();
    },
    close: () => pool.end(),
  };
}

/** The session variable `writeThen` keeps the write's changed-row count in, for its follow-ups' condition. */
const CHANGED = '@carebook_write_changed';
const SINGLE_ROW_INSERT = /^\s*(insert\s+into\s+[\w`]+\s*\([^()]*\))\s*values\s*\(([\s\S]*)\)\s*$/i;

/** `insert into t (a, b) values (1, 2)` as `insert into t (a, b) select 1, 2 from dual where <the write changed a row>`. */
function onlyIfChanged(insert: string): string {
  const parts = SINGLE_ROW_INSERT.exec(insert);
  // (Several rows' values would read as a malformed select: MariaDB refuses it, and the whole batch is undone.)
  if (!parts) throw new Error(`writeThen follows a write with single-row inserts only, not: ${insert.slice(0, 80)}`);
  return `${parts[1]} select ${parts[2]} from dual where ${CHANGED} > 0`;
}

/** One transaction's statements waiting to go out with the next one that needs an answer. */
class StatementBatch {
  private waiting: string[] = ['begin'];
  begun = false;

  constructor(private readonly connection: PoolConnection) {}

  defer(sql: string, params: readonly unknown[]): void {
    this.waiting.push(this.connection.format(sql, bindable(params)));
  }

  /** Sends what waits and this statement in one query; answers this statement's result (the batch's last). */
  async send(sql: string, params: readonly unknown[]): Promise<unknown> {
    if (this.waiting.length === 0) {
      // Nothing waits: the statement alone, prepared.
      const [result] = await this.connection.execute(sql, bindable(params));
      return result;
    }
    const statements = [...this.waiting, this.connection.format(sql, bindable(params))];
    this.waiting = [];
    this.begun = true;
    const [results] = await this.connection.query(statements.join(';\n'));
    return (results as unknown[])[statements.length - 1];
  }
}

// Prepared statements (`execute`): parsed once per connection, values sent apart from the text.
async function run(on: Pool | PoolConnection, sql: string, params: readonly unknown[]): Promise<number> {
  const [result] = await on.execute<ResultSetHeader>(sql, bindable(params));
  return result.affectedRows;
}

async function rows<T>(on: Pool | PoolConnection, sql: string, params: readonly unknown[]): Promise<T[]> {
  const [found] = await on.execute(sql, bindable(params));
  return found as T[];
}

/** mysql2 refuses `undefined` as a value: it stands for SQL NULL here, as in MikroORM. */
function bindable(params: readonly unknown[]): ExecuteValues {
  return params.map((value) => (value === undefined ? null : value)) as ExecuteValues;
}

/** A duplicate key (a unique index refused the row): MariaDB's ER_DUP_ENTRY, as mysql2 reports it. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ER_DUP_ENTRY';
}
