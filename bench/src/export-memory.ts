import 'reflect-metadata';
import { startStack } from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { clinicClient } from './lib/clinic';

const APPOINTMENTS = Number(process.env.EXPORT_BENCH_APPOINTMENTS ?? 100_000);
const YEAR = 2025;
const SAMPLE_EVERY_MS = 25;

/** Resident memory of a process now (VmRSS), in MB. */
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : NaN;
}

/** Samples the processes' RSS while `work` runs; the peaks, in MB. */
async function peakRss<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ result: T; peaks: Record<string, number> }> {
  const peaks = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMb(pid)]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name], rssMb(pid));
  }, SAMPLE_EVERY_MS);
  try {
    return { result: await work(), peaks };
  } finally {
    clearInterval(timer);
  }
}

/** Reads an export to the end without keeping it: bytes and lines. */
async function download(url: string, token: string): Promise<{ bytes: number; lines: number; seconds: number }> {
  const started = performance.now();
  const response = await request(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${await response.body.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return { bytes, lines, seconds: (performance.now() - started) / 1000 };
}

/**
 * pnpm bench:export-memory
 * Whether an export holds its rows: seeds 100,000 appointments over a year
 * straight into the appointment database (10 doctors, 20 patients), then
 * exports a week, a quarter and the whole year (twice) through the gateway,
 * reading the stream as it comes, and prints the peak resident memory (VmRSS
 * sampled every 25 ms) of the appointment service and the gateway in each,
 * and rows/s. Flat memory: the peak stops growing with the rows (the year's
 * about the quarter's; RSS also holds garbage not yet collected: run it with
 * NODE_OPTIONS=--max-old-space-size=96 to see what is retained).
 */
async function main() {
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'appointment'], { LOG_LEVEL: 'error' });
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench export check-up', 30);
    const doctors = await clinic.createDoctors(admin, 10, serviceId, `export-${Date.now()}`);
    await clinic.registerPatients(20, `export-${Date.now()}`);
    const patientDb = await createConnection(stack.env.PATIENT_DB_URL!);
    const patients = ((await patientDb.query('select id from patients'))[0] as Array<{ id: string }>).map((p) => p.id);
    await patientDb.end();

    console.log(`seeding ${APPOINTMENTS.toLocaleString('en')} appointments over ${YEAR}...`);
    const db = await createConnection(stack.env.APPOINTMENT_DB_URL!);
    const yearStart = Date.UTC(YEAR, 0, 1, 8);
    const spacingMs = (365 * 86_400_000 - 12 * 3_600_000) / APPOINTMENTS;
    const statuses = ['CONFIRMED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];
    const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
    for (let from = 0; from < APPOINTMENTS; from += 2000) {
      const rows = [];
      for (let i = from; i < Math.min(from + 2000, APPOINTMENTS); i += 1) {
        const startsAt = yearStart + Math.floor(i * spacingMs);
        rows.push([
          randomUUID(),
          patients[i % patients.length],
          doctors[i % doctors.length],
          serviceId,
          randomUUID(),
          sqlTime(startsAt),
          sqlTime(startsAt + 1_800_000),
          statuses[i % 4],
          '35.00',
          'EUR',
          sqlTime(Date.now()),
          sqlTime(Date.now()),
        ]);
      }
      await db.query(
        'insert into appointments (id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, status, price, currency, created_at, updated_at) values ?',
        [rows],
      );
    }
    await db.end();

    const pids = {
      appointment: stack.services.get('appointment')!.process.pid!,
      gateway: stack.services.get('gateway')!.process.pid!,
    };
    const exportsUrl = stack.gatewayUrl.replace(/\/graphql$/, '');
    const base = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMb(pid)]));
    // Warm-up: the code paths are compiled and the pools open before anything is measured.
    await download(`${exportsUrl}/exports/appointments.csv?from=${YEAR}-06-01&to=${YEAR}-06-02`, admin);
    const week = await peakRss(pids, () =>
      download(`${exportsUrl}/exports/appointments.csv?from=${YEAR}-03-02&to=${YEAR}-03-08`, admin),
    );
    const quarter = await peakRss(pids, () =>
      download(`${exportsUrl}/exports/appointments.csv?from=${YEAR}-01-01&to=${YEAR}-03-31`, admin),
    );
    const year = await peakRss(pids, () =>
      download(`${exportsUrl}/exports/appointments.csv?from=${YEAR}-01-01&to=${YEAR}-12-31`, admin),
    );
    const again = await peakRss(pids, () =>
      download(`${exportsUrl}/exports/appointments.csv?from=${YEAR}-01-01&to=${YEAR}-12-31`, admin),
    );

    const line = (label: string, run: typeof week) => {
      const rows = run.result.lines - 1;
      console.log(
        `  ${label}: ${rows.toLocaleString('en')} rows, ${(run.result.bytes / 1e6).toFixed(1)} MB in ${run.result.seconds.toFixed(1)} s = ${Math.round(rows / run.result.seconds).toLocaleString('en')} rows/s; ` +
          `peak RSS appointment ${run.peaks.appointment.toFixed(0)} MB, gateway ${run.peaks.gateway.toFixed(0)} MB`,
      );
    };
    console.log(
      `\nexports through the gateway (RSS before: appointment ${base.appointment.toFixed(0)} MB, gateway ${base.gateway.toFixed(0)} MB)`,
    );
    line('one week', week);
    line('a quarter', quarter);
    line('the whole year', year);
    line('the whole year again', again);
    // Garbage the collector has not yet returned shows in RSS too: flat means the peak stops growing with the rows, not that it equals the week's.
    const growth = (name: 'appointment' | 'gateway') => again.peaks[name] - quarter.peaks[name];
    console.log(
      `  year (again) peak - quarter peak, 4x the rows: appointment ${growth('appointment').toFixed(0)} MB, gateway ${growth('gateway').toFixed(0)} MB`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
