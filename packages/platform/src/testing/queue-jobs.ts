import type { Job } from 'bullmq';
import { eventually } from './eventually';

/** Waits until a queued job's consumer has handled it; fails, naming the job and its state, after `timeoutMs`. */
export async function untilJobCompleted(job: Job, timeoutMs = 15_000): Promise<void> {
  await eventually(async () => {
    const state = await job.getState();
    if (state !== 'completed') throw new Error(`job ${job.id} (${job.name}) is ${state}, not completed`);
  }, timeoutMs);
}
