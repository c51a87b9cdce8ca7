import 'reflect-metadata';
import { startStack } from '@carebook/platform/testing';
import { BookAppointmentDocument } from '@carebook/sdk';
import { clinicClient } from './lib/clinic';
import { doubleBookings, formatDoubleBookings } from './lib/double-bookings';
import { cpuMeter, formatShare } from './lib/process-cpu';
import { latencyLine, percentile, pool } from './lib/stats';
import { loopSeconds, scaledTargetLine } from './lib/yardstick';
import { printLoggedErrors } from './lib/logged-errors';

/**
 * pnpm bench:campaign [patients=2000] [doctors=10] [slotsPerDoctor=20]
 * The day a clinic opens its vaccination campaign: every patient presses
 * "book" at the same moment, each for a slot of the doctor they want (a
 * random one of that doctor's slots, as a calendar shows them all free).
 * Prints confirmed, unavailable (and how many of those were offered
 * alternatives), errors, double bookings counted in the databases, the time
 * until the last patient had an answer, latency percentiles and the CPU per
 * request of each process.
 */
async function main() {
  const patientCount = Number(process.argv[2] ?? 2000);
  const doctorCount = Number(process.argv[3] ?? 10);
  const slotsPerDoctor = Number(process.argv[4] ?? 20);
  const loop = loopSeconds();
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
    LOG_LEVEL: 'error',
  });
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Campaign vaccination', 15);
    const tag = `campaign-${Date.now()}`;
    const doctors = await clinic.createDoctors(admin, doctorCount, serviceId, tag);
    const slotsOf: string[][] = [];
    for (const doctorId of doctors) slotsOf.push(await clinic.openSlots(admin, doctorId, slotsPerDoctor));
    console.log(`registering ${patientCount} patients...`);
    const registered = performance.now();
    const patients = await clinic.registerPatients(patientCount, tag, 8);
    console.log(`  registered in ${((performance.now() - registered) / 1000).toFixed(1)} s`);

    // Each patient wants one doctor (spread evenly) and picks one of that doctor's slots at random.
    const wishes = patients.map((token, i) => {
      const slots = slotsOf[i % doctorCount];
      return { token, slotId: slots[Math.floor(Math.random() * slots.length)] };
    });
    const meter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      bench: process.pid,
    });
    const latencies: number[] = [];
    let confirmed = 0;
    let unavailable = 0;
    let offeredAlternatives = 0;
    let errors = 0;
    meter.start();
    const started = performance.now();
    await pool(wishes, wishes.length, async ({ token, slotId }) => {
      const t0 = performance.now();
      try {
        const answer = (await clinic.run(BookAppointmentDocument, { input: { slotId, serviceId } }, token))
          .bookAppointment;
        if (answer.__typename === 'BookingConfirmed') confirmed += 1;
        else {
          unavailable += 1;
          if (answer.alternatives.length) offeredAlternatives += 1;
        }
      } catch (error) {
        errors += 1;
        if (errors <= 3) console.error(String(error).slice(0, 300));
      }
      latencies.push(performance.now() - t0);
    });
    const lastAnswer = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cpu = meter.share(patientCount, ['bench']);

    console.log(
      `\n${patientCount} patients press "book" at once over ${doctorCount * slotsPerDoctor} slots of ${doctorCount} doctors`,
    );
    console.log(
      `  confirmed ${confirmed}, unavailable ${unavailable} (${offeredAlternatives} of them offered alternatives), errors ${errors}, ${formatDoubleBookings(await doubleBookings(stack.env))}`,
    );
    console.log(`  every patient had an answer after ${lastAnswer.toFixed(2)} s (${latencies.length} answers)`);
    console.log(`  ${latencyLine('latency', latencies)}`);
    console.log(`  CPU ms per request: ${formatShare(cpu, 'total (bench left out)')}`);
    console.log(`  write calls per request: ${formatShare(cpu.writes, 'total (bench left out)')}`);
    console.log(`  ${scaledTargetLine('p99', 10_000, percentile(latencies, 99), loop)}`);
  } finally {
    printLoggedErrors(stack);
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
