import { MikroORM } from '@mikro-orm/mysql';
import { Job, Worker } from 'bullmq';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createLogger } from '../src/logger';
import {
  consumeOnce,
  DomainEvent,
  insertEventSql,
  OutboxEvent,
  OutboxRelay,
  ProcessedEvent,
  recordEvent,
  scheduleChannel,
  startOutboxRelay,
} from '../src/events';
import { mysqlOrmConfig } from '../src/orm/open-orm';
import { openSqlPool, type SqlPool } from '../src/orm/sql-pool';
import { ensureMysqlDatabase } from '../src/orm/mysql-admin';
import { dropDatabase, freshDatabaseUrl, testPortBase } from '../src/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

const logger = createLogger('outbox-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const facts = (n: number) => ({
  appointmentId: `a${n}`,
  patientId: 'p',
  doctorId: 'd',
  serviceId: 's',
  slotId: `s${n}`,
  startsAt: '2030-01-01T09:00:00.000Z',
  endsAt: '2030-01-01T09:30:00.000Z',
});

/** An event as the relay announces it on the schedule channel: its envelope as JSON. */
const scheduleMessage = (message: string) => JSON.parse(message) as DomainEvent;

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A redis-server of this test's own, so it can be stopped and started again. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG')
      return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

// The relay reads and marks its rows through the entity manager (MongoDB) or, given the service's pool, plain SQL (MariaDB).
describe.each(['entity manager', 'plain SQL'] as const)('transactional outbox and relay (rows read by %s)', (reads) => {
  const url = freshDatabaseUrl('outbox');
  const port = testPortBase();
  const redisUrl = `redis://127.0.0.1:${port}`;
  let orm: MikroORM;
  let redis: ChildProcess;
  let sql: SqlPool | null = null;

  beforeAll(async () => {
    await ensureMysqlDatabase(url);
    orm = await MikroORM.init({ ...mysqlOrmConfig({ url, entities: [OutboxEvent, ProcessedEvent], migrations: [] }) });
    await orm.schema.createSchema();
    if (reads === 'plain SQL') sql = openSqlPool(url);
    redis = await startRedis(port);
  });

  /** Published rows are marked by the relay's next pass, or by a pass of their own soon after: every row, here (or the aggregate's). */
  async function allMarked(aggregateId?: string): Promise<void> {
    const unmarked = aggregateId ? { aggregateId, publishedAt: null } : { publishedAt: null };
    for (let waited = 0; await orm.em.fork().count(OutboxEvent, unmarked); waited += 20) {
      if (waited > 2_000) throw new Error('published rows were not marked');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  afterAll(async () => {
    redis?.kill('SIGKILL');
    await sql?.close();
    await orm?.close(true);
    await dropDatabase(url);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        recordEvent(em, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'rolled-back' }, facts(0));
        await em.flush();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await orm.em.fork().count(OutboxEvent, { aggregateId: 'rolled-back' })).toBe(0);
  });

  it('writes an event inserted with plain SQL with its transaction, and nothing when it rolls back', async () => {
    const pool = openSqlPool(url)!;
    try {
      await expect(
        pool.transaction(async (tx) => {
          insertEventSql(tx, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'sql-rolled-back' }, facts(0));
          // The deferred insert goes out with this read: the row is written, then rolled back.
          expect(
            await tx.rows('select id from outbox_events where aggregate_id = ?', ['sql-rolled-back']),
          ).toHaveLength(1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const event = await pool.transaction(async (tx) =>
        Promise.resolve(
          insertEventSql(tx, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'sql-kept' }, facts(1)),
        ),
      );
      const rows = await orm.em.fork().find(OutboxEvent, { aggregateId: { $in: ['sql-rolled-back', 'sql-kept'] } });
      expect(
        rows.map((row) => ({ id: row.id, type: row.type, envelope: JSON.parse(row.envelope) as DomainEvent })),
      ).toEqual([{ id: event.id, type: 'APPOINTMENT_CONFIRMED', envelope: event }]);
      // Marked as published so the relay tests below start from an outbox of their own rows.
      await orm.em.fork().nativeUpdate(OutboxEvent, { id: event.id }, { publishedAt: new Date() });
    } finally {
      await pool.close();
    }
  });

  it('keeps events while Redis is down and delivers them, in order, once it is back', async () => {
    const gone = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await gone;
    await orm.em.fork().transactional(async (em) => {
      for (let n = 1; n <= 5; n++)
        recordEvent(em, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: `a${n}` }, facts(n));
    });
    const relay = startOutboxRelay({ orm, sql, service: 'test', redisUrl, prefix: 'outbox-test', logger, pollMs: 100 });
    // A whole pass over the outbox has run (and could publish nothing) before looking.
    expect(await relay.drainOnce()).toBe(0);
    expect(await orm.em.fork().count(OutboxEvent, { publishedAt: null })).toBe(5);

    redis = await startRedis(port);
    const subscriber = new Redis(redisUrl);
    const live: string[] = [];
    const seen: string[] = [];
    const workerRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker('patient-care', async (job: Job<DomainEvent>) => void seen.push(job.data.aggregateId), {
      connection: workerRedis,
      prefix: 'outbox-test',
    });
    await subscriber.subscribe(scheduleChannel('outbox-test'));
    subscriber.on('message', (_channel, message) => live.push(scheduleMessage(message).type));
    await until(() => seen.length >= 5);
    expect(seen).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    await allMarked();
    // APPOINTMENT_CONFIRMED is not a schedule change; nothing on the live channel (a schedule change published after them arrives alone).
    await orm.em
      .fork()
      .transactional(
        async (em) =>
          void recordEvent(
            em,
            'test',
            'SLOT_RELEASED',
            { type: 'Slot', id: 's9' },
            { slotId: 's9', doctorId: 'd', appointmentId: null, startsAt: facts(9).startsAt, endsAt: facts(9).endsAt },
          ),
      );
    relay.nudge();
    await until(() => live.length > 0);
    expect(live).toEqual(['SLOT_RELEASED']);
    await relay.stop();
    await worker.close();
    workerRedis.disconnect();
    subscriber.disconnect();
  }, 20_000);

  it('keeps the outbox order, each event once on the queue and the live channel, with two relays and a hand-over between them', async () => {
    const prefix = `outbox-two-${randomUUID().slice(0, 8)}`;
    const queued: string[] = [];
    const live: string[] = [];
    const workerRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker('patient-care', async (job: Job<DomainEvent>) => void queued.push(job.data.aggregateId), {
      connection: workerRedis,
      prefix,
      concurrency: 1,
    });
    const subscriber = new Redis(redisUrl);
    await subscriber.subscribe(scheduleChannel(prefix));
    subscriber.on('message', (_channel, message) => live.push(scheduleMessage(message).aggregateId));
    const relays: OutboxRelay[] = [];
    const relay = () => {
      const started = startOutboxRelay({ orm, sql, service: 'two-relays', redisUrl, prefix, logger, pollMs: 50 });
      relays.push(started);
      return started;
    };
    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `r${from + i}`);
    /** Each event committed on its own, as requests commit them, and every running relay told at once. */
    async function record(from: number, to: number) {
      for (const id of ids(from, to)) {
        const n = Number(id.slice(1));
        await orm.em.fork().transactional(
          async (em) =>
            void recordEvent(
              em,
              'test',
              'APPOINTMENT_RESCHEDULED',
              { type: 'Appointment', id },
              {
                ...facts(n),
                previous: {
                  slotId: `s${n - 1}`,
                  doctorId: 'd',
                  startsAt: facts(n).startsAt,
                  endsAt: facts(n).endsAt,
                },
              },
            ),
        );
        for (const running of relays) running.nudge();
      }
    }
    try {
      const first = relay();
      await record(1, 10);
      await until(() => queued.length >= 10);
      relay();
      await record(11, 20);
      await until(() => queued.length >= 20);
      // The first stops while holding the publishing lease; the second takes over once it lapses.
      await first.stop();
      relays.splice(relays.indexOf(first), 1);
      await record(21, 25);
      await until(() => queued.length >= 25 && live.length >= 25, 30_000);
      expect(queued).toEqual(ids(1, 25));
      expect(live).toEqual(ids(1, 25));
      await allMarked();
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await worker.close();
      workerRedis.disconnect();
      subscriber.disconnect();
    }
  }, 60_000);

  /** A relay that never polls (an hour between safety-net passes): only nudges, hand-ons and reconnects make it publish. */
  const neverPolling = (service: string, prefix: string) =>
    startOutboxRelay({ orm, sql, service, redisUrl, prefix, logger, pollMs: 3_600_000 });

  it('wakes on nudges, not polls: an instance without the lease hands its nudge to the one holding it', async () => {
    const prefix = `outbox-nudge-${randomUUID().slice(0, 8)}`;
    const seen: string[] = [];
    const workerRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker('patient-care', async (job: Job<DomainEvent>) => void seen.push(job.data.aggregateId), {
      connection: workerRedis,
      prefix,
    });
    // The first instance's pass once connected takes the lease (for 10 s); the second finds it taken.
    const holder = neverPolling('nudged', prefix);
    await holder.listening();
    const other = neverPolling('nudged', prefix);
    try {
      // Each drains as it connects and subscribes: that is over before the event exists.
      await other.listening();
      expect(await other.drainOnce()).toBe(0);
      await orm.em
        .fork()
        .transactional(
          async (em) =>
            void recordEvent(em, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'handed-on' }, facts(1)),
        );
      other.nudge();
      await until(() => seen.includes('handed-on'));
      // Marked published by the pass that published it (just after the job went out).
      for (
        let waited = 0;
        await orm.em.fork().count(OutboxEvent, { aggregateId: 'handed-on', publishedAt: null });
        waited += 50
      ) {
        if (waited > 10_000) throw new Error('the published row was never marked');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all([holder.stop(), other.stop()]);
      await worker.close();
      workerRedis.disconnect();
    }
  }, 30_000);

  it('marks what a pass published with the next read, or soon after on its own, never leaving it unmarked', async () => {
    const prefix = `outbox-marks-${randomUUID().slice(0, 8)}`;
    const relay = neverPolling('marking', prefix);
    const confirm = (id: string) =>
      orm.em
        .fork()
        .transactional(
          async (em) => void recordEvent(em, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id }, facts(1)),
        );
    const unmarked = (id: string) => orm.em.fork().count(OutboxEvent, { aggregateId: id, publishedAt: null });
    try {
      await relay.listening();
      await confirm('marked-later');
      expect(await relay.drainOnce()).toBe(1);
      // The next pass marks it with the read it makes anyway (or a pass of its own did already).
      await confirm('marked-with-next');
      expect(await relay.drainOnce()).toBe(1);
      expect(await unmarked('marked-later')).toBe(0);
      // With no pass after it, one of its own marks it.
      await allMarked('marked-with-next');
      // Marked rows are not published again.
      expect(await relay.drainOnce()).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it('renews its publishing lease at most every third of it, not on every pass', async () => {
    const prefix = `outbox-lease-${randomUUID().slice(0, 8)}`;
    const relay = neverPolling('leased', prefix);
    const client = new Redis(redisUrl);
    try {
      await relay.listening();
      await relay.drainOnce();
      const first = await client.pttl(`${prefix}:outbox-relay:leased`);
      await new Promise((r) => setTimeout(r, 300));
      // Passes right after one another (one per commit under load) ask Redis nothing about the lease.
      for (let pass = 0; pass < 3; pass++) await relay.drainOnce();
      const later = await client.pttl(`${prefix}:outbox-relay:leased`);
      expect(first).toBeGreaterThan(9_000);
      expect(later).toBeLessThan(first - 250);
    } finally {
      await relay.stop();
      client.disconnect();
    }
  });

  it('publishes what waited while Redis was down as soon as it is back, without polling', async () => {
    const prefix = `outbox-back-${randomUUID().slice(0, 8)}`;
    const relay = neverPolling('comeback', prefix);
    await relay.drainOnce();
    const gone = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await gone;
    await orm.em
      .fork()
      .transactional(
        async (em) =>
          void recordEvent(em, 'test', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'waited' }, facts(2)),
      );
    relay.nudge();
    expect(await relay.drainOnce()).toBe(0);
    redis = await startRedis(port);
    const seen: string[] = [];
    const workerRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker('patient-care', async (job: Job<DomainEvent>) => void seen.push(job.data.aggregateId), {
      connection: workerRedis,
      prefix,
    });
    try {
      await until(() => seen.includes('waited'), 20_000);
    } finally {
      await relay.stop();
      await worker.close();
      workerRedis.disconnect();
    }
  }, 40_000);

  it('applies an event once per consumer, whatever the redelivery', async () => {
    let applied = 0;
    const work = async () => void (applied += 1);
    expect(await consumeOnce(orm, 'consumer', 'event-1', work)).toBe(true);
    expect(await consumeOnce(orm, 'consumer', 'event-1', work)).toBe(false);
    expect(await consumeOnce(orm, 'other-consumer', 'event-1', work)).toBe(true);
    expect(applied).toBe(2);
  });
});
