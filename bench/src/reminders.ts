import 'reflect-metadata';
import { createLogger, keepCompiledCode, NotificationChannel } from '@carebook/platform';
import { SmtpSink, spawnWorker, SpawnedWorker, Stack, startSmtpSink, startStack } from '@carebook/platform/testing';
import { loadNotificationConfig } from '@carebook/notification/dist/config';
import { remindersFor } from '@carebook/notification/dist/domain/notice-plan';
import { messageIdOf } from '@carebook/notification/dist/store/notification-log-store';
import { openNoticeScheduling } from '@carebook/notification/dist/workers/notice-scheduling';
import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { clinicClient } from './lib/clinic';
import { jsonField } from './lib/json-field';
import { cpuSecondsOf } from './lib/process-cpu';
import { percentile } from './lib/stats';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
const OFFSET = '1m';
const OFFSET_MS = 60_000;

/**
 * pnpm bench:reminders [reminders=10000] [windowSeconds=120] [workers=2]
 * Schedules N reminders due over a window through the worker's own scheduling
 * code (one per appointment, the appointments written straight into the
 * appointment service's database instead of booked one by one), and records
 * when each arrives at a local SMTP server. The sends go through real worker
 * processes (as many as `pnpm start` runs by default), which re-check each
 * appointment and read each patient's contact from the real services. Prints
 * lateness p50/p99/max, duplicates and lost; then the same with one worker
 * SIGKILLed and restarted mid-window.
 */
async function main() {
  // The SMTP sink here stands in for a mail server, a long-running process like the workers: its code is kept
  // compiled as theirs is, or its own first messages after the quiet minute would be timed late.
  keepCompiledCode();
  const count = Number(process.argv[2] ?? 10_000);
  const windowMs = Number(process.argv[3] ?? 120) * 1000;
  const workerCount = Number(process.argv[4] ?? 2);
  const sink = await startSmtpSink();
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'notification'], {
    LOG_LEVEL: 'error',
    SMTP_URL: sink.url,
    REMINDER_OFFSETS: OFFSET,
  });
  const workerEnv = { ...stack.env, LOG_LEVEL: 'info' };
  const workers: SpawnedWorker[] = [];
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench check-up', 15);
    const [doctorId] = await clinic.createDoctors(admin, 1, serviceId, `rem-${Date.now()}`);
    const patients = (await clinic.registerPatients(20, `rem-${Date.now()}`)).map(subjectOf);
    const config = loadNotificationConfig({ ...stack.env, LOG_LEVEL: 'error' });
    const scheduling = await openNoticeScheduling(config, createLogger('bench', 'error'));
    for (let i = 0; i < workerCount; i++) workers.push(await spawnWorker(WORKER, workerEnv));
    try {
      for (const kill of [false, true]) {
        const label = `${kill ? 'run 2: one worker SIGKILLed and restarted mid-window' : 'run 1: steady'} (${workerCount} worker process${workerCount === 1 ? '' : 'es'})`;
        const result = await run(kill);
        console.log(`\n${label}: ${count} reminders due over ${windowMs / 1000} s`);
        console.log(
          `  lateness: p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (arrival at the SMTP server minus due time)`,
        );
        console.log(
          `  over 1 s late: ${result.late.count}${result.late.count ? ` (due ${result.late.from}-${result.late.to} s into the window)` : ''}`,
        );
        console.log(
          `  arrived ${result.arrived}, duplicates ${result.duplicates}, lost ${result.lost}, early ${result.early}`,
        );
        console.log(`  latest in each of the first 10 s (ms): ${result.firstSeconds.join(', ')}`);
        console.log(`  log: ${result.statuses}`);
        console.log(`  CPU ms per reminder: ${result.cpu}`);
        if (result.restartMs !== null)
          console.log(`  worker restart took ${result.restartMs} ms (killed at mid-window)`);
      }
    } finally {
      await scheduling.close();
    }

    async function run(kill: boolean) {
      // Due times spread evenly over the window, starting once scheduling has surely finished.
      const firstDue = Date.now() + 45_000;
      const appointments = Array.from({ length: count }, (_, i) => {
        const dueAt = firstDue + Math.floor((i * windowMs) / count);
        const startsAt = new Date(dueAt + OFFSET_MS);
        return {
          appointmentId: randomUUID(),
          patientId: patients[i % patients.length],
          doctorId,
          serviceId,
          slotId: randomUUID(),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
          dueAt,
        };
      });
      await insertAppointments(stack, appointments);
      const cpuBefore = cpuSeconds(stack, workers);
      const scheduleStarted = Date.now();
      const notices = appointments.flatMap((a) => remindersFor(a, config.reminderOffsets, new Date()));
      for (let i = 0; i < notices.length; i += 1000) await scheduling.scheduler.schedule(notices.slice(i, i + 1000));
      console.log(
        `\nscheduled ${notices.length} reminders in ${Date.now() - scheduleStarted} ms; first due in ${Math.round((firstDue - Date.now()) / 1000)} s`,
      );
      const due = new Map(
        appointments.map((a) => [
          messageIdOf({
            appointmentId: a.appointmentId,
            kind: 'REMINDER' as never,
            recipient: 'PATIENT' as never,
            offset: OFFSET,
            occurrence: a.startsAt,
            channel: NotificationChannel.EMAIL,
          }),
          a.dueAt,
        ]),
      );
      let restartMs: number | null = null;
      if (kill) {
        await sleepUntil(firstDue + windowMs / 2);
        // The killed worker's CPU so far stays counted; its replacement's counts from zero.
        cpuBefore.workers -= cpuSecondsOf(workers[0].process.pid);
        await workers[0].stop('SIGKILL');
        const t0 = Date.now();
        workers[0] = await spawnWorker(WORKER, workerEnv);
        restartMs = Date.now() - t0;
      }
      const arrivals = (m: SmtpSink['messages']) => m.filter((x) => due.has(x.headers.get('message-id') ?? ''));
      const lastDue = firstDue + windowMs;
      // Everything due, plus time for stalled jobs (lock 10 s) and for any duplicate to show up.
      await sink.waitFor((m) => arrivals(m).length >= count, lastDue - Date.now() + 60_000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 5000));
      const cpu = Object.entries(cpuSeconds(stack, workers))
        .map(([name, seconds]) => `${name} ${(((seconds - (cpuBefore[name] ?? 0)) * 1000) / count).toFixed(1)}`)
        .join(', ');
      const seen = new Map<string, number[]>();
      for (const m of arrivals(sink.messages))
        seen.set(m.headers.get('message-id')!, [...(seen.get(m.headers.get('message-id')!) ?? []), m.at]);
      const lateness = [...seen].map(([id, at]) => Math.min(...at) - due.get(id)!);
      // When the late ones were due: a burst (a kill, a pause) or a steady backlog.
      const lateDue = [...seen]
        .filter(([id, at]) => Math.min(...at) - due.get(id)! > 1000)
        .map(([id]) => Math.round((due.get(id)! - firstDue) / 1000));
      // The window's first seconds, where a cold worker would show: the latest arrival of what was due in each second.
      const firstSeconds = Array.from({ length: 10 }, () => 0);
      for (const [id, at] of seen) {
        const second = Math.floor((due.get(id)! - firstDue) / 1000);
        if (second < firstSeconds.length)
          firstSeconds[second] = Math.max(firstSeconds[second], Math.min(...at) - due.get(id)!);
      }
      return {
        firstSeconds,
        arrived: seen.size,
        duplicates: [...seen.values()].reduce((n, at) => n + at.length - 1, 0),
        lost: count - seen.size,
        early: lateness.filter((l) => l < -20).length,
        p50: percentile(lateness, 50),
        p99: percentile(lateness, 99),
        max: Math.max(...lateness),
        late: { count: lateDue.length, from: Math.min(...lateDue), to: Math.max(...lateDue) },
        statuses: await logStatuses(
          stack,
          appointments.map((a) => a.appointmentId),
        ),
        restartMs,
        cpu,
      };
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await stack.stop();
    await sink.stop();
  }
}

/** The bench writes its appointments straight into the appointment service's table (10,000 bookings through the gateway would be a booking benchmark). */
async function insertAppointments(
  stack: Stack,
  rows: Array<{
    appointmentId: string;
    patientId: string;
    doctorId: string;
    serviceId: string;
    slotId: string;
    startsAt: string;
    endsAt: string;
  }>,
) {
  const db = await createConnection({ uri: stack.env.APPOINTMENT_DB_URL! });
  try {
    const now = new Date();
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((a) => [
          a.appointmentId,
          a.patientId,
          a.doctorId,
          a.serviceId,
          a.slotId,
          new Date(a.startsAt),
          new Date(a.endsAt),
          'CONFIRMED',
          '35.00',
          'EUR',
          now,
          now,
        ]);
      await db.query(
        'insert into appointments (id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, status, price, currency, created_at, updated_at) values ?',
        [values],
      );
    }
  } finally {
    await db.end();
  }
}

async function logStatuses(stack: Stack, ids: string[]): Promise<string> {
  const db = await createConnection({ uri: stack.env.NOTIFICATION_DB_URL! });
  try {
    const [rows] = await db.query(
      'select status, count(*) as n from notification_logs where appointment_id in (?) group by status order by status',
      [ids],
    );
    return (rows as Array<{ status: string; n: number }>).map((r) => `${r.status} ${r.n}`).join(', ');
  } finally {
    await db.end();
  }
}

/** CPU seconds so far per role; `workers` sums every worker process. */
function cpuSeconds(stack: Stack, workers: SpawnedWorker[]): Record<string, number> {
  const services = (['appointment', 'patient', 'doctor'] as const).map((n): [string, number] => [
    n,
    cpuSecondsOf(stack.services.get(n)?.process.pid),
  ]);
  return Object.fromEntries([
    ['workers', workers.reduce((sum, w) => sum + cpuSecondsOf(w.process.pid), 0)],
    ['bench+smtp', cpuSecondsOf(process.pid)],
    ...services,
  ]);
}

/** The user id a freshly issued access token names (its `sub` claim; the token is ours, so not verified here). */
function subjectOf(token: string): string {
  const sub = jsonField(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as unknown, 'sub');
  if (typeof sub !== 'string') throw new Error('An access token without a subject.');
  return sub;
}

function sleepUntil(at: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
