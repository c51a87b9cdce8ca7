import {
  AppointmentFacts,
  createLogger,
  NotificationChannel,
  ensureMysqlDatabase,
  EventPayloads,
  EventType,
  mysqlOrmConfig,
  OutboxEvent,
  OutboxRelay,
  recordEvent,
  startOutboxRelay,
} from '@carebook/platform';
import { dropDatabase, freshDatabaseUrl, ReceivedMail, SmtpSink, startSmtpSink } from '@carebook/platform/testing';
import { MikroORM } from '@mikro-orm/mysql';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { loadNotificationConfig } from '../src/config';
import { NotificationKind, NotificationLog, NotificationRecipient, NotificationStatus } from '../src/entities';
import { smtpEmailSender } from '../src/delivery/email-sender';
import { EVENT_QUEUE, reminderJobId, SEND_QUEUE } from '../src/workers/notification-queues';
import type { SendJob } from '../src/workers/notice-scheduler';
import { RunningWorkers, startNotificationWorkers } from '../src/workers/worker-app';
import { Clinic, OwnRedis, SmsCapture, startClinic, startOwnRedis, startSmsCapture } from './rig';

/**
 * The worker against real parts: MariaDB for its log, its own redis-server
 * (stopped and restarted for the outage test), an outbox relay as the
 * appointment service runs it, a real SMTP server and a Twilio-shaped HTTP
 * server. The other services' internal routes are a stand-in (test/rig).
 */
describe('notification worker', () => {
  let clinic: Clinic;
  let sink: SmtpSink;
  let sms: SmsCapture;
  let redis: OwnRedis;
  let workers: RunningWorkers;
  let outbox: MikroORM;
  let relay: OutboxRelay;
  /** The send queue, to see jobs run to their end (done jobs are removed). */
  let sends: Queue<SendJob>;
  const dbUrl = freshDatabaseUrl('notification');
  const outboxUrl = freshDatabaseUrl('notification_outbox');
  const prefix = `nt-${randomUUID().slice(0, 8)}`;
  const serviceId = randomUUID();
  const doctorId = randomUUID();

  function patient(options: { sms?: boolean; phone?: string | null } = {}) {
    const id = randomUUID();
    clinic.patients.set(id, {
      id,
      name: 'Ada Patient',
      email: `ada-${id.slice(0, 8)}@patients.test`,
      phone: options.phone === undefined ? '+4915100000001' : options.phone,
      notificationChannels: options.sms ? ['EMAIL', 'SMS'] : ['EMAIL'],
    });
    return clinic.patients.get(id)!;
  }

  function appointment(patientId: string, startsInMs: number): AppointmentFacts {
    const startsAt = new Date(Math.ceil((Date.now() + startsInMs) / 1000) * 1000);
    const facts = {
      appointmentId: randomUUID(),
      patientId,
      doctorId,
      serviceId,
      slotId: randomUUID(),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    };
    clinic.appointments.set(facts.appointmentId, { ...facts, status: 'CONFIRMED' });
    return facts;
  }

  async function emit<T extends EventType>(type: T, payload: EventPayloads[T] & { appointmentId: string }) {
    await outbox.em
      .fork()
      .transactional(
        async (em) =>
          void recordEvent(em, 'appointment', type, { type: 'Appointment', id: payload.appointmentId }, payload),
      );
    relay.nudge();
  }

  const to = (address: string) => (messages: ReceivedMail[]) => messages.filter((m) => m.to.includes(address));
  const logs = (appointmentId: string) =>
    workers.orm.em
      .fork()
      .find(NotificationLog, { appointmentId }, { orderBy: { kind: 'asc', channel: 'asc', createdAt: 'asc' } });

  beforeAll(async () => {
    [clinic, sink, sms, redis] = await Promise.all([
      startClinic(),
      startSmtpSink(),
      startSmsCapture(),
      startOwnRedis(),
    ]);
    clinic.services.set(serviceId, 'General check-up');
    clinic.doctors.set(doctorId, {
      id: doctorId,
      name: 'Dr Grace Hopper',
      specialty: 'General practice',
      location: 'Room 4, Main Street 1',
      email: 'grace@doctors.test',
    });
    const env = {
      NOTIFICATION_DB_URL: dbUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      SMTP_URL: sink.url,
      SMS_PROVIDER: 'http',
      SMS_BASE_URL: sms.url,
      SMS_ACCOUNT_SID: 'AC0001',
      SMS_AUTH_TOKEN: 'sms-secret',
      SMS_FROM: '+15550001',
      REMINDER_OFFSETS: '4s',
      NOTIFICATION_MAX_ATTEMPTS: '3',
      NOTIFICATION_RETRY_DELAY_MS: '300',
      CLINIC_TIME_ZONE: 'Europe/Berlin',
      LOG_LEVEL: 'silent',
      ...Object.fromEntries(['APPOINTMENT', 'PATIENT', 'DOCTOR', 'AUTH'].map((s) => [`${s}_URL`, clinic.url])),
    };
    workers = await startNotificationWorkers(loadNotificationConfig(env));
    await ensureMysqlDatabase(outboxUrl);
    outbox = await MikroORM.init(mysqlOrmConfig({ url: outboxUrl, entities: [OutboxEvent], migrations: [] }));
    await outbox.schema.createSchema();
    relay = startOutboxRelay({
      orm: outbox,
      service: 'appointment',
      redisUrl: redis.url,
      prefix,
      logger: createLogger('test-relay', 'silent'),
      pollMs: 200,
    });
    sends = new Queue<SendJob>(SEND_QUEUE, { connection: { url: redis.url } as never, prefix });
  }, 120_000);

  afterAll(async () => {
    await sends?.close();
    await relay?.stop();
    await workers?.stop();
    await outbox?.close(true);
    await Promise.all([sink?.stop(), sms?.stop(), clinic?.stop(), redis?.destroy()]);
    await Promise.all([dropDatabase(dbUrl), dropDatabase(outboxUrl)]);
  });

  it('confirms a booking by email with a calendar file and by SMS through the HTTP provider, and logs both SENT', async () => {
    const p = patient({ sms: true });
    const a = appointment(p.id, 2 * 86_400_000);
    await emit('APPOINTMENT_CONFIRMED', a);
    const [mail] = await sink.waitFor((m) => to(p.email)(m).length === 1).then(to(p.email));
    const parsed = await mail.parsed();
    expect(parsed.subject).toMatch(/^Appointment confirmed: General check-up with Dr Grace Hopper/);
    expect(parsed.text).toContain('Dear Ada Patient,');
    expect(parsed.text).toContain('Room 4, Main Street 1');
    expect(parsed.html).toContain('<p>Dear Ada Patient,</p>');
    // Shown in the clinic's zone (Berlin), not UTC.
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(a.startsAt));
    expect(parsed.text).toContain(`at ${berlin} (`);
    const ics = parsed.attachments.find((x) => x.filename === 'appointment.ics')!;
    expect(ics.contentType).toBe('text/calendar');
    const calendar = ics.content.toString('utf8');
    expect(calendar).toContain(`UID:${a.appointmentId}@carebook\r\n`);
    expect(calendar).toContain(`DTSTART:${a.startsAt.replace(/[-:]/g, '').replace('.000', '')}\r\n`);
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(calendar).toContain('LOCATION:Room 4\\, Main Street 1');

    await waitUntil(() => sms.messages.some((m) => m.to === p.phone));
    const text = sms.messages.find((m) => m.to === p.phone)!;
    expect(text.path).toBe('/Accounts/AC0001/Messages.json');
    expect(text.authorization).toBe(`Basic ${Buffer.from('AC0001:sms-secret').toString('base64')}`);
    expect(text.from).toBe('+15550001');
    expect(text.body).toMatch(/^Carebook: confirmed General check-up with Dr Grace Hopper/);

    await waitUntil(async () => (await logs(a.appointmentId)).filter((l) => l.status === 'SENT').length === 2);
    const rows = await logs(a.appointmentId);
    expect(rows.map((l) => [l.kind, l.channel, l.status, l.attempts])).toEqual([
      ['CONFIRMATION', 'EMAIL', 'SENT', 1],
      ['CONFIRMATION', 'SMS', 'SENT', 1],
      ['REMINDER', 'EMAIL', 'QUEUED', 0],
      ['REMINDER', 'SMS', 'QUEUED', 0],
    ]);
    expect(rows[2].scheduledFor.getTime()).toBe(new Date(a.startsAt).getTime() - 4000);
    // Ids only in the log: no address or number stored.
    expect(JSON.stringify(rows)).not.toContain(p.email);
    expect(JSON.stringify(rows)).not.toContain(p.phone);
  }, 60_000);

  it('skips SMS for a patient without a phone number (logged SKIPPED, not retried) and still emails', async () => {
    const p = patient({ sms: true, phone: null });
    const a = appointment(p.id, 2 * 86_400_000);
    await emit('APPOINTMENT_CONFIRMED', a);
    await sink.waitFor((m) => to(p.email)(m).length === 1);
    await waitUntil(async () =>
      (await logs(a.appointmentId)).some(
        (l) => l.kind === 'CONFIRMATION' && l.channel === 'SMS' && l.status === 'SKIPPED',
      ),
    );
    const row = (await logs(a.appointmentId)).find((l) => l.kind === 'CONFIRMATION' && l.channel === 'SMS')!;
    expect(row.lastError).toBe('no phone number on file');
    expect(row.attempts).toBe(0);
    expect(sms.messages.filter((m) => m.body.includes('confirmed')).length).toBe(1);
  }, 60_000);

  it('reminds at the offset, once; a reschedule replaces the reminder, a cancel removes it, a stale one is not sent', async () => {
    const [pa, pb, pc, pd] = [patient(), patient(), patient(), patient()];
    const a = appointment(pa.id, 9000);
    const b = appointment(pb.id, 9000);
    const c = appointment(pc.id, 9000);
    const d = appointment(pd.id, 9000);
    for (const x of [a, b, c, d]) await emit('APPOINTMENT_CONFIRMED', x);
    await sink.waitFor((m) => [pa, pb, pc, pd].every((p) => to(p.email)(m).length === 1));

    // b moves 4 s later; c is cancelled; d is cancelled where no event reaches us (the send-time check catches it).
    const moved = {
      ...b,
      slotId: randomUUID(),
      startsAt: new Date(Date.parse(b.startsAt) + 4000).toISOString(),
      endsAt: new Date(Date.parse(b.endsAt) + 4000).toISOString(),
    };
    clinic.appointments.set(b.appointmentId, { ...moved, status: 'CONFIRMED' });
    await emit('APPOINTMENT_RESCHEDULED', {
      ...moved,
      previous: { slotId: b.slotId, doctorId, startsAt: b.startsAt, endsAt: b.endsAt },
    });
    clinic.appointments.set(c.appointmentId, { ...c, status: 'CANCELLED' });
    await emit('APPOINTMENT_CANCELLED', { ...c, cancelledBy: pc.id });
    clinic.appointments.set(d.appointmentId, { ...d, status: 'CANCELLED' });
    await sink.waitFor((m) => to(pb.email)(m).length === 2 && to(pc.email)(m).length === 2);

    const reminderOf = (p: { email: string }) => (m: ReceivedMail[]) =>
      to(p.email)(m).filter((x) => x.headers.get('subject')?.startsWith('Reminder'));
    // Not before it is due (how late is for bench:reminders to measure).
    const [remindA] = await sink.waitFor((m) => reminderOf(pa)(m).length === 1, 30_000).then(reminderOf(pa));
    expect(remindA.at - (Date.parse(a.startsAt) - 4000)).toBeGreaterThanOrEqual(-50);
    const [remindB] = await sink.waitFor((m) => reminderOf(pb)(m).length === 1, 30_000).then(reminderOf(pb));
    expect(remindB.at).toBeGreaterThanOrEqual(Date.parse(moved.startsAt) - 4000 - 50);
    // Every reminder job of the four has run to its end (removed once done) and each row is settled: nothing more can go out.
    const reminderRows = async (x: AppointmentFacts) =>
      (await logs(x.appointmentId)).filter((l) => l.kind === 'REMINDER').map((l) => [l.status, l.lastError]);
    await waitUntil(async () => {
      const jobs = await Promise.all([a, b, c, d].map((x) => sends.getJob(reminderJobId(x.appointmentId, '4s'))));
      const rows = await Promise.all([a, b, c, d].map(reminderRows));
      return (
        jobs.every((job) => !job) &&
        rows.every((r) => r.length > 0 && r.every(([status]) => status !== 'QUEUED' && status !== 'SENDING'))
      );
    }, 30_000);
    expect(reminderOf(pa)(sink.messages)).toHaveLength(1);
    expect(reminderOf(pb)(sink.messages)).toHaveLength(1);
    expect(reminderOf(pc)(sink.messages)).toHaveLength(0);
    expect(reminderOf(pd)(sink.messages)).toHaveLength(0);

    // The doctor heard of the move and of the cancellation.
    const doctorMail = to('grace@doctors.test')(sink.messages).map((m) => m.headers.get('subject'));
    expect(doctorMail).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Appointment moved: Ada Patient/),
        expect.stringMatching(/^Appointment cancelled: Ada Patient/),
      ]),
    );
    expect(await reminderRows(b)).toEqual(
      expect.arrayContaining([
        ['SKIPPED', 'appointment moved'],
        ['SENT', null],
      ]),
    );
    expect(await reminderRows(c)).toEqual([['SKIPPED', 'appointment cancelled']]);
    expect(await reminderRows(d)).toEqual([['SKIPPED', 'appointment is cancelled']]);
  }, 90_000);

  it('retries a refused send with backoff until it goes through, and gives up FAILED after the configured attempts', async () => {
    const p = patient();
    const a = appointment(p.id, 2 * 86_400_000);
    sink.refuseNext(2);
    await emit('APPOINTMENT_CONFIRMED', a);
    await sink.waitFor((m) => to(p.email)(m).length === 1, 30_000);
    await waitUntil(async () =>
      (await logs(a.appointmentId)).some((l) => l.kind === 'CONFIRMATION' && l.status === 'SENT'),
    );
    expect((await logs(a.appointmentId)).find((l) => l.kind === 'CONFIRMATION')!.attempts).toBe(3);

    const q = patient();
    const b = appointment(q.id, 2 * 86_400_000);
    sink.refuseNext(3);
    await emit('APPOINTMENT_CONFIRMED', b);
    await waitUntil(
      async () => (await logs(b.appointmentId)).some((l) => l.kind === 'CONFIRMATION' && l.status === 'FAILED'),
      30_000,
    );
    const failed = (await logs(b.appointmentId)).find((l) => l.kind === 'CONFIRMATION')!;
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/451/);
    expect(to(q.email)(sink.messages)).toHaveLength(0);
  }, 60_000);

  it('sends once when the same event arrives twice', async () => {
    const p = patient();
    const a = appointment(p.id, 2 * 86_400_000);
    const event = {
      id: randomUUID(),
      type: 'APPOINTMENT_CONFIRMED',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'appointment',
      aggregateType: 'Appointment',
      aggregateId: a.appointmentId,
      payload: a,
    };
    const queue = new Queue(EVENT_QUEUE, { connection: { url: redis.url } as never, prefix });
    const jobs = await Promise.all([
      queue.add(event.type, event, { jobId: `${event.id}-1` }),
      queue.add(event.type, event, { jobId: `${event.id}-2` }),
    ]);
    await sink.waitFor((m) => to(p.email)(m).length >= 1);
    // Both deliveries handled, the confirmation's send job done and its row SENT: a second message could only have come before.
    await waitUntil(async () =>
      (await Promise.all(jobs.map((job) => job.getState()))).every((state) => state === 'completed'),
    );
    await waitUntil(
      async () =>
        !(await sends.getJob(`notice_confirmation_${event.id}_${p.id}`)) &&
        (await logs(a.appointmentId)).some((l) => l.kind === 'CONFIRMATION' && l.status === 'SENT'),
    );
    expect(to(p.email)(sink.messages)).toHaveLength(1);
    await queue.close();
  }, 30_000);

  it('after a crash mid-send: takes over a message never completed, never resends one that may have arrived', async () => {
    const [p, q, r, t] = [patient(), patient(), patient(), patient()];
    const [a, b, c, d] = [p, q, r, t].map((x) => appointment(x.id, 2 * 86_400_000));
    const events = [a, b, c, d].map((facts) => ({
      id: randomUUID(),
      type: 'APPOINTMENT_CONFIRMED',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'appointment',
      aggregateType: 'Appointment',
      aggregateId: facts.appointmentId,
      payload: facts,
    }));
    // As killed workers leave them: cut off before the message was complete (long ago, just now), and after (long ago, just now).
    const [old, now] = [new Date(Date.now() - 120_000), new Date()];
    const left: Array<[Date, Date | null]> = [
      [old, null],
      [old, old],
      [now, null],
      [now, now],
    ];
    const em = workers.orm.em.fork();
    left.forEach(([claimedAt, handedOverAt], i) =>
      em.persist(
        em.create(NotificationLog, {
          appointmentId: events[i].aggregateId,
          kind: NotificationKind.CONFIRMATION,
          channel: NotificationChannel.EMAIL,
          recipient: NotificationRecipient.PATIENT,
          recipientId: events[i].payload.patientId,
          occurrence: events[i].id,
          status: NotificationStatus.SENDING,
          attempts: 1,
          claimedAt,
          claimToken: randomUUID(),
          handedOverAt,
          scheduledFor: new Date(),
        }),
      ),
    );
    await em.flush();
    const queue = new Queue(EVENT_QUEUE, { connection: { url: redis.url } as never, prefix });
    for (const event of events) await queue.add(event.type, event, { jobId: event.id });
    await queue.close();
    const confirmation = async (x: AppointmentFacts) =>
      (await logs(x.appointmentId)).find((l) => l.kind === 'CONFIRMATION')!;
    await sink.waitFor((m) => to(p.email)(m).length === 1 && to(r.email)(m).length === 1);
    await waitUntil(
      async () =>
        (await confirmation(a)).status === 'SENT' &&
        (await confirmation(c)).status === 'SENT' &&
        (await confirmation(b)).status === 'FAILED',
    );
    expect([(await confirmation(a)).attempts, (await confirmation(c)).attempts]).toEqual([2, 2]);
    expect((await confirmation(b)).lastError).toMatch(/^interrupted while sending/);
    // Handed over a moment ago: its holder may be about to record the answer; the try put itself off (delayed job), left alone for now.
    await waitUntil(
      async () => (await (await sends.getJob(`notice_confirmation_${events[3].id}_${t.id}`))?.getState()) === 'delayed',
    );
    expect((await confirmation(d)).status).toBe('SENDING');
    expect([p, q, r, t].map((x) => to(x.email)(sink.messages).length)).toEqual([1, 0, 1, 0]);
  }, 30_000);

  it('opens its SMTP connections when warmed, before any send, and the sends that follow use them', async () => {
    const sender = smtpEmailSender(sink.url, 'Carebook <no-reply@carebook.test>', 3);
    const opened = sink.sessionsOpened();
    const received = sink.messages.length;
    await sender.warm();
    expect(sink.sessionsOpened() - opened).toBe(3);
    expect(sink.messages.length).toBe(received);
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        sender.send({
          to: `warm-${name}@patients.test`,
          subject: name,
          text: name,
          html: `<p>${name}</p>`,
          messageId: `<warm-${name}@carebook>`,
        }),
      ),
    );
    expect(sink.sessionsOpened() - opened).toBe(3);
    expect(sink.messages.length - received).toBe(3);
    // Warming again opens none: the three are kept.
    await sender.warm();
    expect(sink.sessionsOpened() - opened).toBe(3);
    sender.close();
  }, 30_000);

  it('warms up without an SMTP server to reach: nothing thrown, the first send opens what it needs', async () => {
    const sender = smtpEmailSender(`smtp://127.0.0.1:${await closedPort()}`, 'Carebook <no-reply@carebook.test>', 3);
    await expect(sender.warm()).resolves.toBeUndefined();
    await expect(
      sender.send({ to: 'x@patients.test', subject: 'x', text: 'x', html: '<p>x</p>', messageId: '<x@carebook>' }),
    ).rejects.toThrow(/ECONNREFUSED/);
    sender.close();
  });

  it('completes a message only after its hand-over is recorded: cut off before that, the SMTP server keeps nothing', async () => {
    const sender = smtpEmailSender(sink.url, 'Carebook <no-reply@carebook.test>', 1);
    const before = sink.messages.length;
    await expect(
      sender.send(
        { to: 'cut@patients.test', subject: 'x', text: 'x', html: '<p>x</p>', messageId: '<cut@carebook>' },
        () => Promise.reject(new Error('database gone')),
      ),
    ).rejects.toThrow();
    let handedOver = false;
    await sender.send(
      { to: 'whole@patients.test', subject: 'y', text: 'y', html: '<p>y</p>', messageId: '<whole@carebook>' },
      async () => {
        // Everything but the final "." reaches the server, which has not accepted the message yet.
        await waitUntil(() => sink.receiving() === 1);
        expect(to('whole@patients.test')(sink.messages)).toHaveLength(0);
        handedOver = true;
      },
    );
    expect(handedOver).toBe(true);
    expect(sink.messages.slice(before).map((m) => m.to)).toEqual([['whole@patients.test']]);
    sender.close();
  }, 30_000);

  it('loses nothing while Redis is down: events wait in the outbox, reminders wait in Redis, both go out when it is back', async () => {
    const early = patient();
    const e = appointment(early.id, 8000);
    await emit('APPOINTMENT_CONFIRMED', e);
    await sink.waitFor((m) => to(early.email)(m).length === 1);
    await redis.stop();
    const late = patient();
    const l = appointment(late.id, 2 * 86_400_000);
    await emit('APPOINTMENT_CONFIRMED', l);
    // e's reminder falls due during the outage.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(e.startsAt) - 4000 - Date.now()) + 1500));
    expect(to(late.email)(sink.messages)).toHaveLength(0);
    expect(to(early.email)(sink.messages)).toHaveLength(1);
    await redis.start();
    await sink.waitFor((m) => to(late.email)(m).length === 1 && to(early.email)(m).length === 2, 40_000);
    // The outbox row published, both rows SENT and their send jobs done: nothing of these two is left to go out.
    await waitUntil(
      async () =>
        (await outbox.em.fork().count(OutboxEvent, { aggregateId: l.appointmentId, publishedAt: null })) === 0,
    );
    await waitUntil(async () => {
      const sent = [...(await logs(l.appointmentId)), ...(await logs(e.appointmentId))]
        .filter((x) => x.status === 'SENT')
        .map((x) => x.kind)
        .sort();
      const [reminder, queued] = await Promise.all([
        sends.getJob(reminderJobId(e.appointmentId, '4s')),
        sends.getJobs(['waiting', 'active', 'delayed']),
      ]);
      const pending = [
        reminder,
        ...queued.filter((job) => job.data.appointmentId === l.appointmentId && job.data.kind === 'CONFIRMATION'),
      ];
      return (
        JSON.stringify(sent) === JSON.stringify(['CONFIRMATION', 'CONFIRMATION', 'REMINDER']) &&
        pending.every((job) => !job)
      );
    }, 30_000);
    expect(to(late.email)(sink.messages)).toHaveLength(1);
    expect(to(early.email)(sink.messages)).toHaveLength(2);
  }, 90_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A local port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
