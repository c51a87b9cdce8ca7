import { drive } from '../lib/drive';
import type { cpuMeter, CpuShare } from '../lib/process-cpu';
import type { Floor } from './floor';

/** Runs of a phase the floor's CPU per booking is taken over. */
const FLOOR_CPU_RUNS = 5;

/**
 * The same phase against the floor: each client books `perClient` of `slotCount` fresh slots. One run costs the
 * floor a few hundred ms of CPU, which /proc counts in 10 ms ticks, so its CPU per booking is taken over
 * FLOOR_CPU_RUNS runs (fresh slots each, opened and settled before the meter starts); the latencies and the rate
 * are the first run's.
 */
export async function floorPhase<C>(
  floor: Floor,
  meter: ReturnType<typeof cpuMeter>,
  clients: C[],
  perClient: number,
  slotCount: number,
): Promise<{ bare: Awaited<ReturnType<typeof drive>>; floorCpu: CpuShare }> {
  const slotRuns: string[][] = [];
  for (let run = 0; run < FLOOR_CPU_RUNS; run++) slotRuns.push(await floor.openSlots(slotCount));
  await meter.quiet();
  meter.start();
  const runs = [];
  for (const slots of slotRuns)
    runs.push(await drive(clients, perClient, slots, (_client, slotId) => floor.book(slotId)));
  return { bare: runs[0], floorCpu: meter.share(clients.length * perClient * FLOOR_CPU_RUNS, ['bench']) };
}
