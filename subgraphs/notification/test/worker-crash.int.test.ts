import { createLogger, NotificationChannel } from '@carebook/platform';
import {
  dropDatabase,
  freshDatabaseUrl,
  SmtpSink,
  spawnWorker,
  SpawnedWorker,
  startSmtpSink,
} from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { loadNotificationConfig } from '../src/config';
import { remindersFor } from '../src/domain/notice-plan';
import { NotificationKind, NotificationLog, NotificationRecipient, NotificationStatus } from '../src/entities';
import { messageIdOf } from '../src/store/notification-log-store';
import { NoticeScheduling, openNoticeScheduling } from '../src/workers/notice-scheduling';
import { SEND_QUEUE } from '../src/workers/notification-queues';
import { Clinic, startClinic } from './rig';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
const REMINDERS = 12;
/** SMTP connections per worker, so sends claimed at once per worker (SendSlots): the in-flight claims a kill leaves behind. */
const POOL = 3;

/**
 * Reminders across a real crash, as `pnpm bench:reminders` does at scale
 * (bench/src/reminders.ts): two notification worker processes (built dist),
 * the first SIGKILLed while it holds a batch of due reminders with sends in
 * flight. Every reminder must arrive exactly once and end SENT: the survivor
 * takes over the dead worker's jobs once their locks lapse, and its claims
 * that were never completed. The SMTP server holds the first worker's
 * messages before their content (RCPT TO), so the kill lands mid-send and
 * before any hand-over, every time. The other services' routes: the rig.
 */
describe('reminders when a notification worker is killed mid-batch', () => {
  let clinic: Clinic;
  let sink: SmtpSink;
  let scheduling: NoticeScheduling;
  let sendQueue: Queue;
  const workers: SpawnedWorker[] = [];
  const dbUrl = freshDatabaseUrl('notification_crash');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `nt-crash-${randomUUID().slice(0, 8)}`;
  const serviceId = randomUUID();
  const doctorId = randomUUID();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [clinic, sink] = await Promise.all([startClinic(), startSmtpSink()]);
    clinic.services.set(serviceId, 'General check-up');
    clinic.doctors.set(doctorId, {
      id: doctorId,
      name: 'Dr Grace Hopper',
      specialty: 'General practice',
      location: 'Room 4',
      email: 'grace@doctors.test',
    });
    env = {
      NODE_ENV: 'test',
      NOTIFICATION_DB_URL: dbUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(POOL),
      REMINDER_OFFSETS: '1m',
      ...Object.fromEntries(['APPOINTMENT', 'PATIENT', 'DOCTOR', 'AUTH'].map((s) => [`${s}_URL`, clinic.url])),
    };
    // Applies the migrations before any worker starts (the workers would race to).
    scheduling = await openNoticeScheduling(
      loadNotificationConfig({ ...env, LOG_LEVEL: 'silent' }),
      createLogger('test', 'silent'),
    );
    sendQueue = new Queue(SEND_QUEUE, { connection: { url: redisUrl } as never, prefix });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    sink?.release();
    await sendQueue?.obliterate({ force: true }).catch(() => undefined);
    await sendQueue?.close();
    await scheduling?.close();
    await Promise.all([sink?.stop(), clinic?.stop()]);
    await dropDatabase(dbUrl);
  });

  it('sends each reminder exactly once, every one SENT, when one of two workers dies holding claims', async () => {
    workers.push(await spawnWorker(WORKER, env));
    sink.hold();

    // Due together, two seconds after scheduling: the one worker running fetches the whole batch.
    const startsAt = new Date(Math.ceil((Date.now() + 60_000 + 2_000) / 1000) * 1000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
    const appointments = Array.from({ length: REMINDERS }, () => {
      const patientId = randomUUID();
      clinic.patients.set(patientId, {
        id: patientId,
        name: 'Ada Patient',
        email: `ada-${patientId.slice(0, 8)}@patients.test`,
        phone: null,
        notificationChannels: ['EMAIL'],
      });
      const facts = {
        appointmentId: randomUUID(),
        patientId,
        doctorId,
        serviceId,
        slotId: randomUUID(),
        startsAt,
        endsAt,
      };
      clinic.appointments.set(facts.appointmentId, { ...facts, status: 'CONFIRMED' });
      return facts;
    });
    const offsets = loadNotificationConfig({ ...env, LOG_LEVEL: 'silent' }).reminderOffsets;
    await scheduling.scheduler.schedule(appointments.flatMap((a) => remindersFor(a, offsets, new Date())));
    const messageIds = appointments.map((a) =>
      messageIdOf({
        appointmentId: a.appointmentId,
        kind: NotificationKind.REMINDER,
        recipient: NotificationRecipient.PATIENT,
        offset: '1m',
        occurrence: startsAt,
        channel: NotificationChannel.EMAIL,
      }),
    );
    const rows = () =>
      scheduling.orm.em
        .fork()
        .find(NotificationLog, { appointmentId: { $in: appointments.map((a) => a.appointmentId) } });

    // Mid-batch: the worker holds every job of the batch, and POOL sends are claimed and stopped before their content.
    await waitUntil(async () => sink.held() === POOL && (await sendQueue.getActiveCount()) === REMINDERS);
    expect((await rows()).filter((r) => r.status === NotificationStatus.SENDING)).toHaveLength(POOL);

    workers.push(await spawnWorker(WORKER, env));
    await workers[0].stop('SIGKILL');
    sink.release();

    // The survivor takes the dead worker's jobs once their locks lapse (10 s), and its claims that never completed.
    await waitUntil(
      async () => (await rows()).filter((r) => r.status === NotificationStatus.SENT).length === REMINDERS,
      60_000,
    );
    // Every send job has run to its end: nothing further can go out.
    await waitUntil(async () =>
      Object.values(await sendQueue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'failed')).every(
        (n) => n === 0,
      ),
    );

    const arrived = sink.messages.map((m) => m.headers.get('message-id'));
    expect(messageIds.map((id) => arrived.filter((x) => x === id).length)).toEqual(messageIds.map(() => 1));
    const settled = await rows();
    expect(settled.map((r) => r.status)).toEqual(settled.map(() => NotificationStatus.SENT));
    // The claims the dead worker held were taken over (a second try); the rest went out on their first.
    expect(settled.map((r) => r.attempts).sort()).toEqual([
      ...Array<number>(REMINDERS - POOL).fill(1),
      ...Array<number>(POOL).fill(2),
    ]);
  }, 120_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
