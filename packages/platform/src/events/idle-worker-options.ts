/**
 * What every BullMQ worker here adds to its options so that an idle worker
 * stays asleep. BullMQ's default `drainDelay` (5 s) is how long a worker
 * blocks on Redis (BZPOPMIN) before it asks again when its queue is empty:
 * a new job wakes it at once anyway (BullMQ adds a marker the block returns
 * on), and a delayed job (a reminder) wakes it when it is due, since the
 * marker carries its time (BullMQ then waits at most 10 s per block). So the
 * block only needs to end to notice a connection that hangs without closing
 * (BullMQ drops it after the block plus a second): once a minute.
 */
export const IDLE_WORKER_OPTIONS = { drainDelay: 60 } as const;
