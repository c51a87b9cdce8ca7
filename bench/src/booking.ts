import 'reflect-metadata';
import { startStack } from '@carebook/platform/testing';
import { BookAppointmentDocument } from '@carebook/sdk';
import { clinicClient } from './lib/clinic';
import { startFloor } from './floor/floor';
import { floorPhase } from './floor/floor-phase';
import { doubleBookings, formatDoubleBookings } from './lib/double-bookings';
import { cpuMeter, formatShare } from './lib/process-cpu';
import { drive } from './lib/drive';
import { latencyLine, percentile } from './lib/stats';
import { loopSeconds, scaledTargetLine } from './lib/yardstick';
import { printLoggedErrors } from './lib/logged-errors';

/**
 * pnpm bench:booking [clients=50] [slots=20]
 * Through the gateway: C concurrent clients book over M slots of one doctor,
 * then 200 clients over 200 slots of 10 doctors (two bursts), then 10
 * clients that keep booking, one slot after another. Each phase runs the
 * same way against the floor (floor/floor-server.ts: the booking's atomic
 * work in one mysql2 transaction behind a bare HTTP server) in the same run,
 * after a warm-up of both. Prints, for each: confirmed, unavailable, errors,
 * double bookings counted in the databases, latency percentiles, bookings per
 * second, the CPU each process spent per request (MariaDB included, the
 * benchmark's own client shown as "bench" and left out of the totals), and
 * Carebook's figures as multiples of the floor's: ratios hold across
 * machines, absolute times do not.
 */

async function main() {
  const clients = Number(process.argv[2] ?? 50);
  const slots = Number(process.argv[3] ?? 20);
  const loop = loopSeconds();
  console.log('starting the stack (fresh databases) and the floor server...');
  // Phase 3 has each client book 20 slots in a row: allow that many (the limit is still counted on every booking).
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
    LOG_LEVEL: 'error',
    MAX_ACTIVE_APPOINTMENTS_PER_PATIENT: '20',
  });
  const floor = await startFloor();
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench consultation', 15);
    const carebookMeter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      bench: process.pid,
    });
    const floorMeter = cpuMeter({ floor: floor.pid, bench: process.pid });

    await phase('warm-up: 20 clients over 40 slots of 2 doctors (not counted)', 2, 20, 20, 1, true);
    await phase(`phase 1: ${clients} clients over ${slots} slots of 1 doctor`, 1, slots, clients);
    await phase('phase 2: 200 clients over 200 slots of 10 doctors', 10, 20, 200);
    // Not a burst: how latency looks when a few clients keep booking (each client books its own doctor's slots in turn).
    await phase('phase 3: 10 clients, each booking 20 slots one after another (10 doctors)', 10, 20, 10, 20);

    /** `clientCount` clients start at once; each books `perClient` slots one after another. */
    async function phase(
      label: string,
      doctorCount: number,
      slotsPerDoctor: number,
      clientCount: number,
      perClient = 1,
      warmUp = false,
    ) {
      const tag = `${doctorCount}x${slotsPerDoctor}-${Date.now()}`;
      const doctors = await clinic.createDoctors(admin, doctorCount, serviceId, tag);
      const slotIds: string[] = [];
      for (const doctorId of doctors) slotIds.push(...(await clinic.openSlots(admin, doctorId, slotsPerDoctor)));
      const patients = await clinic.registerPatients(clientCount, tag);
      const requests = clientCount * perClient;

      // Opening slots and registering patients leave work behind (relays, projections, the database flushing):
      // both sides settle before their meters start, so neither is charged for its set-up.
      await carebookMeter.quiet();
      carebookMeter.start();
      const carebook = await drive(patients, perClient, slotIds, async (token, slotId) => {
        const data = await clinic.run(BookAppointmentDocument, { input: { slotId, serviceId } }, token);
        return data.bookAppointment.__typename === 'BookingConfirmed';
      });
      // The relay and the event consumers finish a booking's work after its answer: count theirs too, and let
      // none of it run into the floor's phase (MariaDB and Redis serve both).
      await carebookMeter.quiet();
      const carebookCpu = carebookMeter.share(requests, ['bench']);

      const { bare, floorCpu } = await floorPhase(floor, floorMeter, patients, perClient, slotIds.length);
      if (warmUp) return;

      console.log(`\n${label}`);
      console.log(
        `  carebook: confirmed ${carebook.confirmed}, unavailable ${carebook.unavailable}, errors ${carebook.errors}, ${formatDoubleBookings(await doubleBookings(stack.env))}`,
      );
      console.log(`    ${latencyLine('latency', carebook.latencies)}`);
      console.log(
        `    ${(carebook.confirmed / carebook.seconds).toFixed(1)} bookings/s, ${(requests / carebook.seconds).toFixed(1)} requests/s over ${carebook.seconds.toFixed(2)} s`,
      );
      console.log(`    CPU ms per request: ${formatShare(carebookCpu, 'total (bench left out)')}`);
      console.log(`    write calls per request: ${formatShare(carebookCpu.writes, 'total (bench left out)')}`);
      console.log(`  floor:    confirmed ${bare.confirmed}, unavailable ${bare.unavailable}, errors ${bare.errors}`);
      console.log(`    ${latencyLine('latency', bare.latencies)}`);
      console.log(
        `    ${(bare.confirmed / bare.seconds).toFixed(1)} bookings/s, ${(requests / bare.seconds).toFixed(1)} requests/s over ${bare.seconds.toFixed(2)} s`,
      );
      console.log(`    CPU ms per request: ${formatShare(floorCpu, 'total (bench left out)')}`);
      console.log(`    write calls per request: ${formatShare(floorCpu.writes, 'total (bench left out)')}`);
      console.log(
        `  carebook / floor: CPU per request ${(carebookCpu.total / floorCpu.total).toFixed(1)}x, p99 ${(percentile(carebook.latencies, 99) / percentile(bare.latencies, 99)).toFixed(1)}x, ` +
          `bookings/s ${(bare.confirmed / bare.seconds / (carebook.confirmed / carebook.seconds)).toFixed(1)}x fewer`,
      );
      // The steady phase (each client books one slot after another) is the one issue 15's p99 target is for.
      if (perClient > 1)
        console.log(`  ${scaledTargetLine('steady p99', 150, percentile(carebook.latencies, 99), loop)}`);
    }
  } finally {
    printLoggedErrors(stack);
    await floor.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
