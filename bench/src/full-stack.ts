import 'reflect-metadata';
import { SERVICE_NAMES } from '@carebook/platform';
import { SmtpSink, spawnWorker, startSmtpSink, startStack } from '@carebook/platform/testing';
import { BookAppointmentDocument } from '@carebook/sdk';
import { startFloor } from './floor/floor';
import { floorPhase } from './floor/floor-phase';
import { clinicClient } from './lib/clinic';
import { doubleBookings, formatDoubleBookings } from './lib/double-bookings';
import { drive } from './lib/drive';
import { printLoggedErrors } from './lib/logged-errors';
import { cpuMeter, formatShare } from './lib/process-cpu';
import { latencyLine, percentile } from './lib/stats';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
const CLIENTS = 10;
const PER_CLIENT = 20;

/**
 * pnpm bench:full-stack
 * A booking's whole cost: every process `pnpm start` runs (nine subgraphs,
 * the gateway, two notification workers; MariaDB and Redis), while 10
 * clients book 20 slots each one after another, and until what follows
 * the bookings has finished (the confirmation emails reached the SMTP
 * server, the care projection, the reminders scheduled). Compared with the
 * floor (floor/floor-server.ts: the booking's atomic work in one mysql2
 * transaction) booking the same way in the same run: the target is at most
 * 40x its CPU per booking. Reminders are sent a day and an hour later, so
 * their sending is not in this window (bench:reminders prints its CPU per
 * reminder).
 */
async function main() {
  const sink = await startSmtpSink();
  console.log('starting every subgraph, the gateway and two workers (fresh databases), and the floor server...');
  const stack = await startStack(
    SERVICE_NAMES.filter((name) => name !== 'gateway'),
    // Log levels as the test kit sets them (a worker's 'ready' line is info).
    { SMTP_URL: sink.url, MAX_ACTIVE_APPOINTMENTS_PER_PATIENT: String(PER_CLIENT) },
    { workers: [WORKER] },
  );
  // pnpm start runs two workers; the stack keys its workers by entry, so the second is started here.
  const second = await spawnWorker(WORKER, stack.env);
  const floor = await startFloor();
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench consultation', 15);
    const processes = {
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      ...Object.fromEntries([...stack.workers.values(), second].map((w, i) => [`worker-${i + 1}`, w.process.pid])),
      bench: process.pid,
    };
    const carebookMeter = cpuMeter(processes);
    const floorMeter = cpuMeter({ floor: floor.pid, bench: process.pid });

    await round('warm-up', 4);
    const measured = await round('measured', PER_CLIENT);
    console.log(`\n${CLIENTS} clients, each booking ${PER_CLIENT} slots one after another (10 doctors)`);
    const { carebook, bare, carebookCpu, floorCpu, emails, settledMs } = measured!;
    console.log(
      `  carebook: confirmed ${carebook.confirmed}, unavailable ${carebook.unavailable}, errors ${carebook.errors}, ${formatDoubleBookings(await doubleBookings(stack.env))}`,
    );
    console.log(`    ${latencyLine('latency', carebook.latencies)}`);
    console.log(
      `    ${(carebook.confirmed / carebook.seconds).toFixed(1)} bookings/s over ${carebook.seconds.toFixed(2)} s`,
    );
    console.log(
      `    followers done ${(settledMs / 1000).toFixed(1)} s after the last answer (${emails} emails at the SMTP server)`,
    );
    console.log(`    CPU ms per booking, every process: ${formatShare(carebookCpu, 'total (bench left out)')}`);
    console.log(`    write calls per booking: ${formatShare(carebookCpu.writes, 'total (bench left out)')}`);
    console.log(
      `  floor: confirmed ${bare.confirmed}, errors ${bare.errors}; ${latencyLine('latency', bare.latencies)}`,
    );
    console.log(`    CPU ms per booking: ${formatShare(floorCpu, 'total (bench left out)')}`);
    console.log(`    write calls per booking: ${formatShare(floorCpu.writes, 'total (bench left out)')}`);
    console.log(
      `  carebook / floor: CPU per booking ${(carebookCpu.total / floorCpu.total).toFixed(1)}x (target: at most 40x), p99 ${(percentile(carebook.latencies, 99) / percentile(bare.latencies, 99)).toFixed(1)}x`,
    );

    /** `perClient` bookings by each of CLIENTS clients over 10 doctors' slots, then the floor the same way. */
    async function round(label: string, perClient: number) {
      const tag = `${label}-${Date.now()}`;
      const doctors = await clinic.createDoctors(admin, 10, serviceId, tag);
      const slotIds: string[] = [];
      // Each client books one doctor's slots in turn (client i takes slots i*perClient...).
      for (const doctorId of doctors) slotIds.push(...(await clinic.openSlots(admin, doctorId, perClient)));
      const patients = await clinic.registerPatients(CLIENTS, tag);
      await quiet(sink); // registrations' welcome mail and projections out of the way
      const bookings = CLIENTS * perClient;
      const emailsBefore = sink.messages.length;

      carebookMeter.start();
      const carebook = await drive(patients, perClient, slotIds, async (token, slotId) => {
        const data = await clinic.run(BookAppointmentDocument, { input: { slotId, serviceId } }, token);
        return data.bookAppointment.__typename === 'BookingConfirmed';
      });
      const answered = performance.now();
      // What follows the bookings (events, notices, projections) is theirs too: measured until all is quiet.
      const settledMs = (await quiet(sink, emailsBefore + carebook.confirmed)) - answered;
      const carebookCpu = carebookMeter.share(bookings, ['bench']);

      const { bare, floorCpu } = await floorPhase(floor, floorMeter, patients, perClient, slotIds.length);
      if (label === 'warm-up') return null;
      return { carebook, bare, carebookCpu, floorCpu, emails: sink.messages.length - emailsBefore, settledMs };
    }
  } finally {
    printLoggedErrors(stack);
    await second.stop();
    await floor.stop();
    await stack.stop();
    await sink.stop();
  }
}

/**
 * Waits until at least `emails` messages reached the SMTP server and none
 * arrived for 2 s (the workers' and projections' work is done); returns
 * when the last one arrived (performance.now()).
 */
async function quiet(sink: SmtpSink, emails = 0): Promise<number> {
  const deadline = Date.now() + 120_000;
  let count = sink.messages.length;
  let lastChange = performance.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (sink.messages.length !== count) {
      count = sink.messages.length;
      lastChange = performance.now();
    } else if (count >= emails && performance.now() - lastChange > 2000) return lastChange;
  }
  throw new Error(`waited 120 s for ${emails} emails; ${sink.messages.length} arrived`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
