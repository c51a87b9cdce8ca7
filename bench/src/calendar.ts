import 'reflect-metadata';
import { startStack } from '@carebook/platform/testing';
import { AvailabilityCalendarDocument, SetWeeklyAvailabilityDocument } from '@carebook/sdk';
import { clinicClient } from './lib/clinic';
import { print } from 'graphql';
import { Agent, request } from 'undici';
import { cpuMeter, formatShare } from './lib/process-cpu';
import { latencyLine, percentile, pool } from './lib/stats';
import { loopSeconds, scaledTargetLine } from './lib/yardstick';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/**
 * pnpm bench:calendar [doctors=50] [clients=20] [seconds=20]
 * 31-day availabilityCalendar through the gateway with D doctors holding 8
 * weeks of slots each, C concurrent clients. Prints req/s, percentiles, the
 * CPU per request of every process (the benchmark's own client shown apart:
 * it runs on the same two cores) and the p95 target scaled to the machine.
 * SCHEDULE_CACHE_TTL_MS=0 measures without the gateway's schedule cache.
 */
async function main() {
  const doctorCount = Number(process.argv[2] ?? 50);
  const clients = Number(process.argv[3] ?? 20);
  const seconds = Number(process.argv[4] ?? 20);
  const loop = loopSeconds();
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
    LOG_LEVEL: 'error',
    SLOT_HORIZON_WEEKS: '8',
  });
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Calendar consultation', 30);
    const doctors = await clinic.createDoctors(admin, doctorCount, serviceId, `cal-${Date.now()}`);
    const rules = WEEKDAYS.map((dayOfWeek) => ({ dayOfWeek, startTime: '09:00', endTime: '17:00', slotMinutes: 30 }));
    const seedStart = performance.now();
    await pool(doctors, 4, (doctorId) => clinic.run(SetWeeklyAvailabilityDocument, { doctorId, rules }, admin));
    console.log(
      `seeded ${doctorCount} doctors x 8 weeks of slots in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const first = await clinic.run(AvailabilityCalendarDocument, { from, to, serviceId });
    const offered = first.availabilityCalendar.reduce(
      (n, day) => n + day.doctors.reduce((m, d) => m + d.freeSlots, 0),
      0,
    );
    console.log(`one answer: ${first.availabilityCalendar.length} days, ${offered} free slots in all`);
    // The measured requests read the answer as text and check it is the calendar, without errors, rather than
    // parse its ~100 KB each time: parsing cost this client more CPU than the gateway and scheduling together
    // spent answering (4.8 against 0.9 ms per request), on the same two cores, so it set the latency measured.
    const askChecked = calendarAsker(stack.gatewayUrl, clients, { from, to, serviceId });
    await pool(Array.from({ length: clients * 3 }), clients, askChecked); // warm-up

    const meter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      bench: process.pid,
    });
    const latencies: number[] = [];
    meter.start();
    const deadline = performance.now() + seconds * 1000;
    await pool(Array.from({ length: clients }), clients, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await askChecked();
        latencies.push(performance.now() - t0);
      }
    });
    const ttl = process.env.SCHEDULE_CACHE_TTL_MS ?? '5000';
    console.log(
      `\n31-day availabilityCalendar, ${doctorCount} doctors, ${clients} concurrent clients, ${seconds} s, gateway schedule cache ${ttl === '0' ? 'off' : `on (${ttl} ms)`}`,
    );
    console.log(`  ${(latencies.length / seconds).toFixed(1)} req/s`);
    console.log(`  ${latencyLine('latency', latencies)}`);
    console.log(
      `  CPU ms per request: ${formatShare(meter.share(latencies.length, ['bench']), 'total (bench left out)')}`,
    );
    console.log(`  ${scaledTargetLine('p95', 100, percentile(latencies, 95), loop)}`);
  } finally {
    await stack.stop();
  }
}

/** The calendar query as a client posts it (anonymous, like the booking pages), its answer checked as text. */
function calendarAsker(
  gatewayUrl: string,
  connections: number,
  variables: { from: string; to: string; serviceId: string },
) {
  const dispatcher = new Agent({ connections, keepAliveTimeout: 30_000 });
  const body = JSON.stringify({ query: print(AvailabilityCalendarDocument), variables });
  return async () => {
    const response = await request(gatewayUrl, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await response.body.text();
    if (
      response.statusCode !== 200 ||
      !text.startsWith('{"data":{"availabilityCalendar":[') ||
      text.includes('"errors"')
    )
      throw new Error(`not the calendar: ${response.statusCode} ${text.slice(0, 300)}`);
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
