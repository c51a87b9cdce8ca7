import { EntityManager, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { DomainEvent } from './domain-event';
import { ProcessedEvent } from './processed-event.entity';
import { IDLE_WORKER_OPTIONS } from './idle-worker-options';
import { workerConnection } from './queue-connections';

/**
 * How the (verified) effect is applied: through the entity manager, in one transaction with the processed-event
 * mark; or, for an effect idempotent by itself (a row keyed by what it records, never withdrawn: applying it
 * twice leaves what applying it once did), `idempotent`, with neither the mark nor a transaction (a consumer on
 * the booking path: one plain SQL statement, where the mark's transaction was most of its cost). A redelivery
 * applies it again, to no change.
 */
export type EventHandling<V> =
  | { handle(event: DomainEvent, em: EntityManager, verified: V): Promise<void>; idempotent?: undefined }
  | { idempotent(event: DomainEvent, verified: V): Promise<void>; handle?: undefined };

export type EventConsumerOptions<V = DomainEvent> = ConsumerSettings<V> & EventHandling<V>;

interface ConsumerSettings<V> {
  orm: MikroORM;
  queue: string;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /**
   * For events that grant rights or money: a job in Redis proves nothing
   * (anyone who can write to Redis can add one), so this asks the event's
   * source what is true before anything is applied, outside the
   * transaction. Its answer is what `handle` applies; null drops the job
   * (logged, nothing applied); a throw retries it. Without it, `handle`
   * gets the event itself.
   */
  verify?(event: DomainEvent): Promise<V | null>;
  /**
   * True when the event's effect is in place already (a right granted by an
   * earlier event): the job ends there, without asking the source or
   * marking the event. Only for effects that, once there, no event of the
   * queue would change: reading the job's own claims then grants nothing.
   */
  alreadyApplied?(event: DomainEvent): Promise<boolean>;
  concurrency?: number;
}

/** The processed-event mark exists already: another delivery of the event applied it (or is applying it). */
class AlreadyProcessed extends Error {}

/**
 * Runs `work` at most once per (consumer, event id): the mark and the effect
 * commit together, so a redelivered event is skipped and a failed one retried.
 * Only a duplicate *mark* means "already processed": a unique-key conflict
 * inside `work` (say, the invoice a concurrent request issued first) fails
 * this try like any other error, so the job is retried and finds the effect
 * there, and the event is marked then; taking it for a duplicate delivery
 * would leave the event unmarked and its effect possibly not applied.
 */
export async function consumeOnce(
  orm: MikroORM,
  consumer: string,
  eventId: string,
  work: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  try {
    await orm.em.fork().transactional(async (em) => {
      em.persist(em.create(ProcessedEvent, { id: `${consumer}:${eventId}` }));
      await em.flush().catch((error: unknown) => {
        throw error instanceof UniqueConstraintViolationException ? new AlreadyProcessed() : error;
      });
      await work(em);
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadyProcessed) return false;
    throw error;
  }
}

export interface EventConsumer {
  worker: Worker<DomainEvent>;
  /** Finishes the job in hand, then closes the worker and its Redis connection. */
  close(): Promise<void>;
}

/** A BullMQ worker over one event queue; close it on shutdown. */
export function startEventConsumer<V = DomainEvent>(options: EventConsumerOptions<V>): EventConsumer {
  const connection = workerConnection(options.redisUrl);
  // The outbox relay is the queue's one producer and adds each event as createEvent built it, so the data is
  // typed as the envelope rather than checked per job (a schema parse per event would cost on this hot path).
  // A job pushed straight into Redis is no proof either way: `verify` asks the source for what grants rights.
  const worker = new Worker<DomainEvent>(
    options.queue,
    async (job) => {
      const event = job.data;
      if (options.alreadyApplied && (await options.alreadyApplied(event))) return;
      const verified = options.verify ? await options.verify(event) : (event as V);
      if (verified === null) {
        options.logger.warn(
          { eventId: event?.id, type: event?.type, jobId: job.id },
          'event not confirmed by its source; ignored',
        );
        return;
      }
      const { handle, idempotent } = options;
      if (idempotent) return idempotent(event, verified);
      const applied = await consumeOnce(options.orm, options.queue, event.id, (em) => handle(event, em, verified));
      if (!applied) options.logger.debug({ eventId: event.id }, 'event already processed; skipped');
    },
    { ...IDLE_WORKER_OPTIONS, connection, prefix: options.prefix, concurrency: options.concurrency ?? 4 },
  );
  worker.on('failed', (job, error) =>
    options.logger.warn(
      { eventId: job?.data?.id, attempt: job?.attemptsMade, err: error.message },
      'event handling failed; will retry',
    ),
  );
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'event consumer connection problem'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
