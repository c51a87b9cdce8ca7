import type { EntityManager } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/mysql';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  DomainEvent,
  EventConsumer,
  OutboxEvent,
  ProcessedEvent,
  recordEvent,
  startEventConsumer,
  startOutboxRelay,
} from '../src/events';
import { createLogger } from '../src/logger';
import { ensureMysqlDatabase } from '../src/orm/mysql-admin';
import { mysqlOrmConfig } from '../src/orm/open-orm';
import { dropDatabase, freshDatabaseUrl } from '../src/testing';

const logger = createLogger('consumer-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const completion = (appointmentId: string) => ({
  appointmentId,
  patientId: 'p',
  doctorId: 'd',
  serviceId: 's',
  slotId: 'slot',
  startsAt: '2030-01-01T09:00:00.000Z',
  endsAt: '2030-01-01T09:30:00.000Z',
  price: '40.00',
  currency: 'EUR',
});

/**
 * Idempotent consumers (startEventConsumer, consumeOnce) against real
 * MariaDB and Redis: what a consumer applies commits with its
 * processed-event mark, so a failure is retried and a redelivery skipped.
 * The effect here is an outbox row the handler records (as billing records
 * INVOICE_ISSUED), so it is in the same transaction as the mark.
 */
describe('event consumers', () => {
  const url = freshDatabaseUrl('consumers');
  /** Queues of each case of their own: a relay publishes to every queue of an event's type. */
  let prefix: string;
  let orm: MikroORM;
  const consumers: EventConsumer[] = [];
  const queues: Queue[] = [];

  /** Outbox rows the handler recorded for an event: its effect. */
  const effectsOf = (event: DomainEvent) =>
    orm.em.fork().count(OutboxEvent, { aggregateType: 'Effect', aggregateId: event.id });
  const marked = (consumer: string, event: DomainEvent) =>
    orm.em.fork().count(ProcessedEvent, { id: `${consumer}:${event.id}` });

  async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function consume(queue: string, handle: (event: DomainEvent, em: EntityManager) => Promise<void>): EventConsumer {
    const consumer = startEventConsumer({ orm: orm, queue, redisUrl, prefix, logger, handle, concurrency: 4 });
    consumers.push(consumer);
    return consumer;
  }

  function queue(name: string): Queue {
    const made = new Queue(name, { connection: { url: redisUrl } as never, prefix });
    queues.push(made);
    return made;
  }

  beforeEach(() => {
    prefix = `consumers-${randomUUID().slice(0, 8)}`;
  });

  beforeAll(async () => {
    await ensureMysqlDatabase(url);
    orm = await MikroORM.init(mysqlOrmConfig({ url, entities: [OutboxEvent, ProcessedEvent], migrations: [] }));
    await orm.schema.createSchema();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.close()));
    for (const q of queues) await q.obliterate({ force: true }).catch(() => undefined);
    await Promise.all(queues.map((q) => q.close()));
    await orm?.close(true);
    await dropDatabase(url);
  });

  it('retries a handler that throws and applies the event once, with nothing of the failed try left', async () => {
    const calls: number[] = [];
    consume('billing', async (event, em) => {
      calls.push(Date.now());
      recordEvent(
        em,
        'test',
        'INVOICE_ISSUED',
        { type: 'Effect', id: event.id },
        { invoiceId: 'i', appointmentId: 'a', patientId: 'p', amount: '40.00', currency: 'EUR' },
      );
      await em.flush();
      if (calls.length === 1) throw new Error('the database went away mid-handler');
    });
    // Published as services publish: recorded in the outbox, put on the queue by the relay (with its retry policy).
    const relay = startOutboxRelay({ orm: orm, service: 'consumer-test', redisUrl, prefix, logger, pollMs: 100 });
    let event!: DomainEvent;
    try {
      await orm.em
        .fork()
        .transactional(
          async (em) =>
            void (event = recordEvent(
              em,
              'appointment',
              'APPOINTMENT_COMPLETED',
              { type: 'Appointment', id: 'a-retry' },
              completion('a-retry'),
            )),
        );
      relay.nudge();
      await until(async () => (await marked('billing', event)) === 1);
    } finally {
      await relay.stop();
    }
    expect(calls).toHaveLength(2);
    expect(await effectsOf(event)).toBe(1);
    const job = await queue('billing').getJob(event.id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.failedReason).toBe('the database went away mid-handler');
  }, 60_000);

  it('retries, not skips, an event whose handler meets a unique-key conflict (a concurrent request made the effect first)', async () => {
    // As billing's consumer meets the invoice that the CompleteAppointment response issued a moment before:
    // the first try's insert conflicts; the retry finds the effect there, adds nothing, and marks the event.
    const event = createEvent(
      'appointment',
      'APPOINTMENT_COMPLETED',
      { type: 'Appointment', id: 'a-conflict' },
      completion('a-conflict'),
    );
    const madeElsewhere = await orm.em
      .fork()
      .transactional(async (em) =>
        recordEvent(
          em,
          'test',
          'INVOICE_ISSUED',
          { type: 'Effect', id: event.id },
          { invoiceId: 'i', appointmentId: 'a', patientId: 'p', amount: '40.00', currency: 'EUR' },
        ),
      );
    let tries = 0;
    consume('billing', async (_event, em) => {
      tries += 1;
      if (tries > 1 && (await em.count(OutboxEvent, { aggregateType: 'Effect', aggregateId: event.id })) > 0) return;
      // The same unique key as the effect made elsewhere (here its id): the insert conflicts.
      await em.insert(OutboxEvent, {
        id: madeElsewhere.id,
        position: 1,
        type: 'INVOICE_ISSUED',
        aggregateType: 'Effect',
        aggregateId: event.id,
        envelope: '{}',
        occurredAt: new Date(),
        attempts: 0,
      });
    });
    await queue('billing').add(event.type, event, {
      jobId: event.id,
      attempts: 5,
      backoff: { type: 'fixed', delay: 200 },
    });
    await until(async () => (await marked('billing', event)) === 1);
    expect(tries).toBe(2);
    expect(await effectsOf(event)).toBe(1);
    expect((await queue('billing').getJob(event.id))?.failedReason).toMatch(/duplicate/i);
  }, 60_000);

  it('applies one event delivered twice at the same moment once, by two consumers', async () => {
    const entered: string[] = [];
    const active: Array<{ job: string; at: number }> = [];
    const handle = async (event: DomainEvent, em: EntityManager) => {
      entered.push(event.id);
      // Hold the transaction open, so the other delivery arrives while this one is applying.
      await new Promise((r) => setTimeout(r, 500));
      recordEvent(
        em,
        'test',
        'FEEDBACK_REQUESTED',
        { type: 'Effect', id: event.id },
        { appointmentId: 'a', patientId: 'p', doctorId: 'd' },
      );
      await em.flush();
    };
    for (const consumer of [consume('feedback', handle), consume('feedback', handle)])
      consumer.worker.on('active', (job: Job) => active.push({ job: job.id!, at: Date.now() }));
    const event = createEvent(
      'appointment',
      'APPOINTMENT_COMPLETED',
      { type: 'Appointment', id: 'a-twice' },
      completion('a-twice'),
    );
    const feedback = queue('feedback');
    const jobs = await Promise.all([
      feedback.add(event.type, event, { jobId: `${event.id}-1` }),
      feedback.add(event.type, event, { jobId: `${event.id}-2` }),
    ]);
    await until(async () =>
      (await Promise.all(jobs.map((job) => job.getState()))).every((state) => state === 'completed'),
    );
    const finished = Math.min(
      ...(await Promise.all(jobs.map(async (job) => (await Job.fromId(feedback, job.id!))!.finishedOn!))),
    );

    // Both deliveries were being handled at once (the second began before the first had finished)...
    expect(active.map((a) => a.job).sort()).toEqual([`${event.id}-1`, `${event.id}-2`]);
    expect(Math.max(...active.map((a) => a.at))).toBeLessThan(finished);
    // ...and the event was applied once: one handler run, one effect, one mark.
    expect(entered).toEqual([event.id]);
    expect(await effectsOf(event)).toBe(1);
    expect(await marked('feedback', event)).toBe(1);
  }, 60_000);
});
