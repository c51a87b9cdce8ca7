import 'reflect-metadata';
import { startStack } from '@carebook/platform/testing';
import { AddAvailabilityDocument, BookAppointmentDocument } from '@carebook/sdk';
import { createConnection } from 'mysql2/promise';
import { clinicClient, tomorrow } from './lib/clinic';
import { cpuMeter } from './lib/process-cpu';
import { latencyLine, pool } from './lib/stats';

/**
 * pnpm bench:booking [clients=50] [slots=20]
 * Through the gateway: C concurrent clients book over M slots of one doctor,
 * then 200 clients over 200 slots of 10 doctors (two bursts), then 10
 * clients that keep booking, one slot after another. Prints confirmed,
 * unavailable, errors, double bookings counted in the databases, latency
 * percentiles, bookings per second and the CPU each process spent per
 * request (the benchmark's own share included, as "bench").
 */
async function main() {
  const clients = Number(process.argv[2] ?? 50);
  const slots = Number(process.argv[3] ?? 20);
  console.log('starting the stack (fresh databases)...');
  // Phase 3 has each client book 20 slots in a row: allow that many (the limit is still counted on every booking).
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], { LOG_LEVEL: 'error', MAX_ACTIVE_APPOINTMENTS_PER_PATIENT: '20' });
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench consultation', 15);
    const meter = cpuMeter({ ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])), bench: process.pid });
    await phase(`phase 1: ${clients} clients over ${slots} slots of 1 doctor`, 1, slots, clients);
    await phase('phase 2: 200 clients over 200 slots of 10 doctors', 10, 20, 200);
    // Not a burst: how latency looks when a few clients keep booking (each client books its own doctor's slots in turn).
    await phase('phase 3: 10 clients, each booking 20 slots one after another (10 doctors)', 10, 20, 10, 20);

    /** `clientCount` clients start at once; each books `perClient` slots one after another. */
    async function phase(label: string, doctorCount: number, slotsPerDoctor: number, clientCount: number, perClient = 1) {
      const tag = `${doctorCount}x${slotsPerDoctor}-${Date.now()}`;
      const doctors = await clinic.createDoctors(admin, doctorCount, serviceId, tag);
      const slotIds: string[] = [];
      for (const doctorId of doctors) {
        const end = 9 * 60 + slotsPerDoctor * 15;
        const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
        const data = await clinic.run(AddAvailabilityDocument, { doctorId, date: tomorrow(), startTime: '09:00', endTime, slotMinutes: 15 }, admin);
        slotIds.push(...data.addAvailability.map((s) => s.id));
      }
      const patients = await clinic.registerPatients(clientCount, tag);
      const latencies: number[] = [];
      let confirmed = 0;
      let unavailable = 0;
      let errors = 0;
      meter.start();
      const started = performance.now();
      await pool(patients, clientCount, async (token, i) => {
        for (let round = 0; round < perClient; round++) {
          const t0 = performance.now();
          try {
            const slotId = slotIds[(i * perClient + round) % slotIds.length];
            const data = await clinic.run(BookAppointmentDocument, { input: { slotId, serviceId } }, token);
            if (data.bookAppointment.__typename === 'BookingConfirmed') confirmed += 1;
            else unavailable += 1;
          } catch (error) {
            errors += 1;
            if (errors <= 3) console.error(String(error).slice(0, 300));
          }
          latencies.push(performance.now() - t0);
        }
      });
      const seconds = (performance.now() - started) / 1000;
      // The relay and the event consumers finish a booking's work after its answer: count theirs too.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const cpu = meter.per(clientCount * perClient);
      console.log(`\n${label}`);
      console.log(`  confirmed ${confirmed}, unavailable ${unavailable}, errors ${errors}, double bookings ${await doubleBookings(stack.env)}`);
      console.log(`  ${latencyLine('latency', latencies)}`);
      console.log(`  ${(confirmed / seconds).toFixed(1)} bookings/s, ${((clientCount * perClient) / seconds).toFixed(1)} requests/s over ${seconds.toFixed(2)} s`);
      console.log(`  CPU ms per request: ${cpu}`);
    }
  } finally {
    // Errors answered to clients are logged by the service that raised them: show those lines.
    for (const [name, service] of stack.services) {
      const lines = service.output().split('\n').filter((line) => /"level":(50|60)/.test(line));
      if (lines.length) console.log(`\n${name} logged ${lines.length} error(s); the first:\n${lines.slice(0, 3).join('\n').slice(0, 3000)}`);
    }
    await stack.stop();
  }
}

/**
 * Counted in the stores, not trusted from responses: slots holding more than
 * one active appointment, and active appointments whose slot is not booked
 * for them.
 */
async function doubleBookings(env: NodeJS.ProcessEnv): Promise<number> {
  const appointments = await createConnection({ uri: env.APPOINTMENT_DB_URL! });
  const scheduling = await createConnection({ uri: env.SCHEDULING_DB_URL! });
  try {
    const [shared] = await appointments.query(
      "select count(*) as n from (select slot_id from appointments where status in ('PENDING','CONFIRMED') group by slot_id having count(*) > 1) t",
    );
    const [active] = await appointments.query("select id, slot_id from appointments where status = 'CONFIRMED'");
    const [booked] = await scheduling.query("select id, appointment_id from slots where status = 'BOOKED'");
    const holder = new Map((booked as Array<{ id: string; appointment_id: string }>).map((s) => [s.id, s.appointment_id]));
    const orphaned = (active as Array<{ id: string; slot_id: string }>).filter((a) => holder.get(a.slot_id) !== a.id).length;
    return Number((shared as Array<{ n: number }>)[0].n) + orphaned;
  } finally {
    await appointments.end();
    await scheduling.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
