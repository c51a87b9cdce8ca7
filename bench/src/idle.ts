import 'reflect-metadata';
import { SERVICE_NAMES } from '@carebook/platform';
import { spawnWorker, startStack } from '@carebook/platform/testing';
import { cpuMeter, formatShare } from './lib/process-cpu';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
/** The minutes after settling where V8 compacts each start-up heap, measured apart. */
const AFTER_START_S = 180;

/**
 * pnpm bench:idle [seconds=60]
 * What a stack costs doing nothing: every subgraph, the gateway and two
 * notification workers, as `pnpm start` runs them, left alone after a
 * settling period; prints the CPU each process spends per second of
 * wall-clock time (polling loops show here; waiting on events costs ~0).
 * Two windows: the three minutes after settling, where V8's memory reducer
 * compacts each process's start-up heap once it sees the process idle (up
 * to three full collections per process, the last ones 1.5-3.5 min after
 * start: a one-off, ~2-3 ms/s per process while it lasts), and then
 * `seconds` of the idle stack itself, what it costs for as long as it is
 * left alone.
 */
async function main() {
  const seconds = Number(process.argv[2] ?? 60);
  console.log('starting the whole stack (fresh databases)...');
  const subgraphs = SERVICE_NAMES.filter((name) => name !== 'gateway');
  // Log levels as the test kit sets them (services warn, workers info: their 'ready' line is info).
  const stack = await startStack(subgraphs, {}, { workers: [WORKER] });
  // pnpm start runs two workers by default; the stack keys its workers by entry, so the second is started here.
  const second = await spawnWorker(WORKER, stack.env);
  try {
    // Start-up work (migrations, first passes, JIT) settles first.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const workerPids = [...stack.workers.values(), second].map(
      (worker, i) => [`worker-${i + 1}`, worker.process.pid] as const,
    );
    const meter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      ...Object.fromEntries(workerPids),
    });
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, AFTER_START_S * 1000));
    const afterStart = meter.share(AFTER_START_S);
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const idle = meter.share(seconds);
    console.log(`\nCPU ms per second, MariaDB and Redis included (they serve every stack on the machine: run alone)`);
    console.log(
      `the ${AFTER_START_S} s after start-up (once: V8 compacts the start-up heaps):\n  ${formatShare(afterStart)}`,
    );
    console.log(`then idle for ${seconds} s (target: under 10 in all):\n  ${formatShare(idle)}`);
  } finally {
    await second.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
