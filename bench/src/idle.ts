import 'reflect-metadata';
import { SERVICE_NAMES } from '@carebook/platform';
import { spawnWorker, startStack } from '@carebook/platform/testing';
import { cpuMeter, formatShare } from './lib/process-cpu';

const WORKER = 'subgraphs/notification/dist/workers/main.js';

/**
 * pnpm bench:idle [seconds=30]
 * What a stack costs doing nothing: every subgraph, the gateway and two
 * notification workers, as `pnpm start` runs them, left alone after a
 * settling period; prints the CPU each process spends per second of
 * wall-clock time (polling loops show here; waiting on events costs ~0).
 */
async function main() {
  const seconds = Number(process.argv[2] ?? 30);
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
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const share = meter.share(seconds);
    console.log(`\nidle for ${seconds} s: CPU ms per second (MariaDB included; target: under 10 in all)`);
    console.log(`  ${formatShare(share)}`);
  } finally {
    await second.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
