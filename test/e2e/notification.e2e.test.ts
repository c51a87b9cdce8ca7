import {
  errorCode,
  postGraphql,
  ReceivedMail,
  SmtpSink,
  Stack,
  startSmtpSink,
  startStack,
  variant,
} from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  CancelAppointmentDocument,
  RescheduleAppointmentDocument,
  UpdateMyProfileDocument,
} from '@carebook/sdk';
import { Clinic } from './lib/clinic';
import { Queue } from 'bullmq';
import { SmsCapture, startSmsCapture } from '../../subgraphs/notification/test/rig';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
const REMINDER_MS = 120_000;

/**
 * Notifications end to end: bookings, moves and cancellations through the
 * gateway, every service and the notification worker as real processes, a
 * real SMTP server and a Twilio-shaped SMS endpoint; reminders at a 2-minute offset.
 */
describe('notifications end to end', () => {
  let stack: Stack;
  let sink: SmtpSink;
  let sms: SmsCapture;
  let clinic: Clinic;
  let ok: Clinic['ok'];
  let admin: string;
  let serviceId: string;
  const doctor = { id: '', email: 'dr-notify@notify.e2e.test' };
  const patient = { id: '', token: '', email: 'pat@notify.e2e.test', phone: '+49 30 1234567' };
  const other = { id: '', token: '', email: 'other@notify.e2e.test' };
  // A colleague's slot at the same time as the reminded one: the cancelled appointment's reminder would fall due together with it.
  const colleague = { id: '', email: 'dr-colleague@notify.e2e.test' };
  let soon: Array<{ id: string; startsAt: string }> = [];
  let alongside: Array<{ id: string; startsAt: string }> = [];
  let tomorrow: Array<{ id: string; startsAt: string }> = [];

  const to = (address: string) => (messages: ReceivedMail[]) => messages.filter((m) => m.to.includes(address));
  /** The statuses of an appointment's reminder rows (email and SMS) in the notification service's log. */
  async function reminderStatuses(appointmentId: string): Promise<string[]> {
    const rows = await clinic.rows<{ status: string }>(
      'notification',
      "select status from notification_logs where appointment_id = ? and kind = 'REMINDER'",
      [appointmentId],
    );
    return rows.map((row) => row.status);
  }
  const subjects = (address: string) => to(address)(sink.messages).map((m) => m.headers.get('subject') ?? '');

  beforeAll(async () => {
    [sink, sms] = await Promise.all([startSmtpSink(), startSmsCapture()]);
    stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'notification'],
      // Slots start minutes from now (for a reminder due during the test): no minimum notice.
      {
        BOOKING_MIN_NOTICE: '0',
        SMTP_URL: sink.url,
        REMINDER_OFFSETS: '2m',
        SMS_PROVIDER: 'http',
        SMS_BASE_URL: sms.url,
        SMS_ACCOUNT_SID: 'ACe2e',
        SMS_AUTH_TOKEN: 'e2e-token',
        SMS_FROM: '+15550002',
      },
      { workers: [WORKER] },
    );
    clinic = await Clinic.open(stack);
    ({ ok, admin } = clinic);
    serviceId = await clinic.service({
      name: 'Vaccination',
      category: 'VACCINATION',
      durationMinutes: 5,
      price: '25.00',
    });
    doctor.id = await clinic.createDoctor({
      email: doctor.email,
      name: 'Dr Notify',
      licenseNumber: 'N-1',
      location: 'Room 7',
      serviceIds: [serviceId],
    });
    colleague.id = await clinic.createDoctor({
      email: colleague.email,
      name: 'Dr Colleague',
      licenseNumber: 'N-2',
      location: 'Room 8',
      serviceIds: [serviceId],
    });
    for (const who of [patient, other]) {
      const { id, token } = await clinic.patient({
        email: who.email,
        name: who === patient ? 'Pat Example' : 'Otto Other',
      });
      Object.assign(who, { id, token });
    }
    await ok(
      UpdateMyProfileDocument,
      { input: { phone: patient.phone, notificationChannels: ['EMAIL', 'SMS'] } },
      patient.token,
    );

    // Slots starting at the first whole minute at least 2 min 25 s from now (UTC is the stack's clinic zone): a 2-minute
    // reminder falls due 25-85 s from now, after the first tests have booked (and cancelled) and while the suite waits.
    const start = new Date(Math.ceil((Date.now() + 145_000) / 60_000) * 60_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    soon = (
      await ok(
        AddAvailabilityDocument,
        {
          doctorId: doctor.id,
          date: start.toISOString().slice(0, 10),
          startTime: hhmm(start),
          endTime: hhmm(new Date(start.getTime() + 10 * 60_000)),
          slotMinutes: 5,
        },
        admin,
      )
    ).addAvailability;
    alongside = (
      await ok(
        AddAvailabilityDocument,
        {
          doctorId: colleague.id,
          date: start.toISOString().slice(0, 10),
          startTime: hhmm(start),
          endTime: hhmm(new Date(start.getTime() + 5 * 60_000)),
          slotMinutes: 5,
        },
        admin,
      )
    ).addAvailability;
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    tomorrow = (
      await ok(
        AddAvailabilityDocument,
        { doctorId: doctor.id, date: day, startTime: '09:00', endTime: '09:10', slotMinutes: 5 },
        admin,
      )
    ).addAvailability;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([sink?.stop(), sms?.stop()]);
  });

  let reminded = { id: '', startsAt: '' };
  let cancelled = { id: '', startsAt: '' };

  it('confirms a booking by email with a calendar file and by SMS', async () => {
    const booked = await ok(BookAppointmentDocument, { input: { slotId: soon[0].id, serviceId } }, patient.token);
    reminded = variant(booked.bookAppointment, 'BookingConfirmed').appointment;
    const [mail] = await sink.waitFor((m) => to(patient.email)(m).length >= 1, 30_000).then(to(patient.email));
    const parsed = await mail.parsed();
    expect(parsed.subject).toMatch(/^Appointment confirmed: Vaccination with Dr Notify/);
    expect(parsed.text).toContain('Room 7');
    const ics = parsed.attachments.find((a) => a.filename === 'appointment.ics');
    expect(ics?.content.toString()).toContain(`UID:${reminded.id}@carebook`);
    await waitUntil(() => sms.messages.some((m) => m.body.startsWith('Carebook: confirmed')));
    expect(sms.messages[0].to).toBe(patient.phone);
    expect(sms.messages[0].path).toBe('/Accounts/ACe2e/Messages.json');
  }, 60_000);

  it('tells patient and doctor of a cancellation, and drops its reminder', async () => {
    const booked = await ok(BookAppointmentDocument, { input: { slotId: alongside[0].id, serviceId } }, other.token);
    cancelled = variant(booked.bookAppointment, 'BookingConfirmed').appointment;
    await sink.waitFor((m) => to(other.email)(m).length === 1, 30_000);
    await ok(CancelAppointmentDocument, { id: cancelled.id, reason: 'Cannot make it' }, other.token);
    await sink.waitFor((m) => to(other.email)(m).length === 2 && to(colleague.email)(m).length >= 1, 30_000);
    expect(subjects(other.email)[1]).toMatch(/^Appointment cancelled: Vaccination with Dr Colleague/);
    expect(subjects(colleague.email)).toContainEqual(expect.stringMatching(/^Appointment cancelled: Otto Other/));
  }, 60_000);

  it('tells patient (email and SMS) and doctor when an appointment moves', async () => {
    const booked = await ok(BookAppointmentDocument, { input: { slotId: tomorrow[0].id, serviceId } }, patient.token);
    const id = variant(booked.bookAppointment, 'BookingConfirmed').appointment.id;
    const moved = await ok(RescheduleAppointmentDocument, { id, newSlotId: tomorrow[1].id }, patient.token);
    expect(moved.rescheduleAppointment.__typename).toBe('BookingConfirmed');
    await sink.waitFor(
      (m) =>
        to(patient.email)(m).some((x) => x.headers.get('subject')?.startsWith('Appointment moved')) &&
        to(doctor.email)(m).some((x) => x.headers.get('subject')?.startsWith('Appointment moved')),
      30_000,
    );
    const move = await to(patient.email)(sink.messages)
      .find((x) => x.headers.get('subject')?.startsWith('Appointment moved'))!
      .parsed();
    expect(move.text).toContain('(was ');
    expect(move.attachments.find((a) => a.filename === 'appointment.ics')?.content.toString()).toMatch(
      /SEQUENCE:[1-9]\d*/,
    );
    await waitUntil(() => sms.messages.some((m) => m.body.includes('is now')));
  }, 60_000);

  it('reminds two minutes ahead, not before it is due, once, and not of the cancelled appointment', async () => {
    const due = Date.parse(reminded.startsAt) - REMINDER_MS;
    const reminders = (m: ReceivedMail[]) =>
      to(patient.email)(m).filter((x) => x.headers.get('subject')?.startsWith('Reminder'));
    // How late is bench:reminders' figure; here, that it comes, and not early.
    const [reminder] = await sink
      .waitFor((m) => reminders(m).length >= 1, Math.max(0, due - Date.now()) + 60_000)
      .then(reminders);
    expect(reminder.at).toBeGreaterThanOrEqual(due - 50);
    // Both reminder jobs are gone (the sent one done, the cancelled one removed) and their rows settled: nothing more can go out.
    const sends = new Queue('notification-send', {
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } as never,
      prefix: stack.env.REDIS_PREFIX,
    });
    try {
      await waitUntil(async () => {
        const jobs = await Promise.all([reminded.id, cancelled.id].map((id) => sends.getJob(`reminder_${id}_2m`)));
        const [sent, skipped] = await Promise.all([reminderStatuses(reminded.id), reminderStatuses(cancelled.id)]);
        return (
          jobs.every((job) => !job) &&
          sent.length === 2 &&
          sent.every((x) => x === 'SENT') &&
          skipped.length > 0 &&
          skipped.every((x) => x === 'SKIPPED')
        );
      });
    } finally {
      await sends.close();
    }
    expect(reminders(sink.messages)).toHaveLength(1);
    expect(to(other.email)(sink.messages).filter((x) => x.headers.get('subject')?.startsWith('Reminder'))).toHaveLength(
      0,
    );
    expect(sms.messages.filter((m) => m.body.startsWith('Carebook reminder'))).toHaveLength(1);
  }, 400_000);

  it('shows each person what was sent to them on their appointments, and admins the whole log', async () => {
    const mine = await clinic.raw<{ myAppointments: Array<{ id: string; notifications: unknown[] }> }>(
      '{ myAppointments { id notifications { kind channel status scheduledFor sentAt } } }',
      {},
      patient.token,
    );
    expect(mine.errors).toBeUndefined();
    const notices = mine.data.myAppointments.find((a) => a.id === reminded.id)!.notifications;
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'CONFIRMATION', channel: 'EMAIL', status: 'SENT' }),
        expect.objectContaining({ kind: 'CONFIRMATION', channel: 'SMS', status: 'SENT' }),
        expect.objectContaining({
          kind: 'REMINDER',
          channel: 'EMAIL',
          status: 'SENT',
          scheduledFor: new Date(Date.parse(reminded.startsAt) - REMINDER_MS).toISOString(),
        }),
      ]),
    );
    const log = await clinic.raw<{ notifications: unknown[] }>(
      'query($id: ID) { notifications(appointmentId: $id) { kind recipient status lastError appointment { id status } } }',
      { id: cancelled.id },
      admin,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data.notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'CANCELLATION',
          recipient: 'DOCTOR',
          status: 'SENT',
          appointment: { id: cancelled.id, status: 'CANCELLED' },
        }),
        expect.objectContaining({
          kind: 'REMINDER',
          recipient: 'PATIENT',
          status: 'SKIPPED',
          lastError: 'appointment cancelled',
        }),
      ]),
    );
    expect(errorCode(await postGraphql(stack.gatewayUrl, '{ notifications { id } }', {}, patient.token))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await postGraphql(stack.gatewayUrl, '{ notifications(first: 0) { id } }', {}, admin))).toBe(
      'BAD_USER_INPUT',
    );
  }, 30_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
