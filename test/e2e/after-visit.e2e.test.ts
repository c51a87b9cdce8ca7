import {
  errorCode,
  eventually,
  objectContaining,
  outboxEvent,
  ReceivedMail,
  SmtpSink,
  Stack,
  startSmtpSink,
  startStack,
} from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AdminActionLogDocument,
  CancelAppointmentDocument,
  CompleteAppointmentDocument,
  DoctorsDocument,
  MarkNoShowDocument,
  MyAppointmentsDocument,
  MyInvoicesDocument,
  PayInvoiceDocument,
  SubmitFeedbackDocument,
  SystemHealthDocument,
  SystemHealthQuery,
} from '@carebook/sdk';
import { Clinic } from './lib/clinic';
import { ContractCall } from './lib/contract-call';
import { Row } from './lib/service-rows';
import type { DomainEvent } from '@carebook/platform';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (generously: the machine may be busy), or fails naming what did not happen (before the test times out, so the message shows). */
const NOTIFICATION_WORKER = 'subgraphs/notification/dist/workers/main.js';

/**
 * After the visit, end to end through the gateway with the contract's
 * documents: completion issues the invoice (once, whatever the redelivery),
 * payment by card (declined, then paid), cash recorded by an admin, feedback
 * and ratings, the invoice notice and feedback request by email (a real
 * SMTP server and the notification worker), and the system's health with
 * one subgraph stopped.
 */
describe('after the visit: invoices, payment, feedback, system health', () => {
  let stack: Stack;
  let sink: SmtpSink;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let raw: Clinic['raw'];
  let admin: string;
  let serviceId: string;
  const doctors: Array<{ id: string; token: string }> = [];
  const patients: Array<{ id: string; token: string }> = [];
  /** Appointments that start within the minute: [0] completed, [1] completed, [2] no-show; [3] a future one. */
  const appointments: string[] = [];

  const book = (slotId: string, token: string) => clinic.book(token, { slotId, serviceId });
  const rows = <T extends Row = Row>(service: 'billing' | 'feedback' | 'appointment', sql: string, params: unknown[]) =>
    clinic.rows<T>(service, sql, params);

  async function myInvoices(token: string) {
    return (await ok(MyInvoicesDocument, {}, token)).myInvoices;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'billing', 'feedback', 'notification'],
      // Visits are booked to start within the minute (completion needs them begun): no minimum notice.
      { NO_SHOW_FEE: '15.00', LATE_CANCEL_FEE: '9.00', SMTP_URL: sink.url, BOOKING_MIN_NOTICE: '0' },
      { workers: [NOTIFICATION_WORKER] },
    );
    clinic = await Clinic.open(stack);
    ({ gql, ok, raw, admin } = clinic);
    serviceId = await clinic.service({ name: 'Check-up', durationMinutes: 5 });
    for (const n of [1, 2, 3]) {
      doctors.push(
        await clinic.doctor({
          email: `dr-${n}@after-visit.e2e.test`,
          name: `Dr ${n}`,
          licenseNumber: `AV-${n}`,
          serviceIds: [serviceId],
        }),
      );
      patients.push(await clinic.patient({ email: `p${n}@after-visit.e2e.test`, name: `Patient ${n}` }));
    }

    // Completion needs the visit to have started, and booking needs it not to have: book slots at the
    // next full minute (at least 15 s away: three one-off days and bookings take well under that), then wait for it. A 5-minute slot
    // must not cross midnight (UTC).
    let start = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
    if (new Date(start.getTime() + 5 * 60_000).toISOString().slice(0, 10) !== start.toISOString().slice(0, 10)) {
      await sleep(new Date(start.toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + 86_400_000 - Date.now());
      start = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
    }
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    for (const [i, doctor] of doctors.entries()) {
      const slots = await ok(
        AddAvailabilityDocument,
        {
          doctorId: doctor.id,
          date: start.toISOString().slice(0, 10),
          startTime: hhmm(start),
          endTime: hhmm(new Date(start.getTime() + 5 * 60_000)),
          slotMinutes: 5,
        },
        admin,
      );
      appointments.push(await book(slots.addAvailability[0].id, patients[i].token));
    }
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const future = await ok(
      AddAvailabilityDocument,
      { doctorId: doctors[0].id, date: later, startTime: '10:00', endTime: '10:30', slotMinutes: 30 },
      admin,
    );
    appointments.push(await book(future.addAvailability[0].id, patients[0].token));
    await sleep(start.getTime() - Date.now() + 500);
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
    await sink?.stop();
  });

  it('completes a visit and shows its invoice in the same response, issued once', async () => {
    const completed = await ok(
      CompleteAppointmentDocument,
      { id: appointments[0], notes: 'All well' },
      doctors[0].token,
    );
    expect(completed.completeAppointment).toMatchObject({
      id: appointments[0],
      status: 'COMPLETED',
      invoice: { amount: '40.00', status: 'PENDING' },
    });
    const invoiceId = completed.completeAppointment.invoice!.id;

    // The completion event reaches billing through the outbox as well; it finds the invoice there and adds none.
    // Wait until billing has applied that event (its processed-event row), then look.
    const [event] = await rows<{ id: string }>(
      'appointment',
      'select id from outbox_events where type = ? and aggregate_id = ?',
      ['APPOINTMENT_COMPLETED', appointments[0]],
    );
    expect(event).toBeDefined();
    await eventually(
      async () =>
        (await rows('billing', 'select id from processed_events where id = ?', [`billing:${event.id}`])).length === 1,
    );
    const mine = await myInvoices(patients[0].token);
    expect(mine).toEqual([
      expect.objectContaining({
        id: invoiceId,
        amount: '40.00',
        currency: 'EUR',
        status: 'PENDING',
        paidAt: null,
        appointment: objectContaining({ id: appointments[0] }),
      }),
    ]);
    const issued = await rows<{ envelope: string }>(
      'billing',
      'select envelope, published_at from outbox_events where type = ?',
      ['INVOICE_ISSUED'],
    );
    expect(issued).toHaveLength(1);
    expect(outboxEvent<'INVOICE_ISSUED'>(issued[0]).payload).toEqual({
      invoiceId,
      appointmentId: appointments[0],
      patientId: patients[0].id,
      amount: '40.00',
      currency: 'EUR',
    });
  });

  it('issues the invoice from the completion event alone, and a redelivered event adds none', async () => {
    const completed = await raw<{ completeAppointment: { id: string; status: string } }>(
      'mutation($id: ID!) { completeAppointment(id: $id) { id status } }',
      { id: appointments[1] },
      doctors[1].token,
    );
    expect(completed.data.completeAppointment.status).toBe('COMPLETED');
    // How soon is bench:after-visit's figure; here, that it comes.
    let mine = await myInvoices(patients[1].token);
    await eventually(async () => (mine = await myInvoices(patients[1].token)).length > 0);
    expect(mine).toEqual([
      expect.objectContaining({
        amount: '40.00',
        status: 'PENDING',
        appointment: objectContaining({ id: appointments[1] }),
      }),
    ]);

    // Redeliver: the same event again (as BullMQ does after a stall), and the same facts under a new event id.
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const queue = new Queue<DomainEvent<'APPOINTMENT_COMPLETED'>>('billing', {
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
      prefix: stack.env.REDIS_PREFIX,
    });
    try {
      const found = (await queue.getJobs(['completed']))
        .map((job) => job.data)
        .find((event) => event.payload.appointmentId === appointments[1]);
      expect(found?.type).toBe('APPOINTMENT_COMPLETED');
      const original = found!;
      const again = [
        await queue.add(original.type, original, { jobId: `again-${randomUUID()}` }),
        await queue.add(original.type, { ...original, id: randomUUID() }, { jobId: `again-${randomUUID()}` }),
      ];
      const until = Date.now() + 10_000;
      while (
        (await Promise.all(again.map((job) => job.getState()))).some((state) => state !== 'completed') &&
        Date.now() < until
      )
        await sleep(100);
      expect(await Promise.all(again.map((job) => job.getState()))).toEqual(['completed', 'completed']);
    } finally {
      await queue.close();
    }
    expect(await myInvoices(patients[1].token)).toHaveLength(1);
    expect(await rows('billing', 'select id from invoices where appointment_id = ?', [appointments[1]])).toHaveLength(
      1,
    );
  });

  it('invoices a no-show with the no-show fee', async () => {
    expect((await ok(MarkNoShowDocument, { id: appointments[2] }, doctors[2].token)).markNoShow.status).toBe('NO_SHOW');
    let mine = await myInvoices(patients[2].token);
    await eventually(async () => (mine = await myInvoices(patients[2].token)).length > 0);
    expect(mine).toEqual([expect.objectContaining({ amount: '15.00', currency: 'EUR', status: 'PENDING' })]);
  });

  it("invoices a patient's late cancellation with the late-cancellation fee, from the cancellation event", async () => {
    const registered = await clinic.patient({ email: 'late@after-visit.e2e.test', name: 'Patient Late' });
    // A slot two hours ahead: inside the clinic's 24-hour cancellation window (kept on one UTC date).
    let start = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 300_000) * 300_000);
    if (new Date(start.getTime() + 5 * 60_000).toISOString().slice(0, 10) !== start.toISOString().slice(0, 10))
      start = new Date(start.getTime() + 10 * 60_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const slots = await ok(
      AddAvailabilityDocument,
      {
        doctorId: doctors[1].id,
        date: start.toISOString().slice(0, 10),
        startTime: hhmm(start),
        endTime: hhmm(new Date(start.getTime() + 5 * 60_000)),
        slotMinutes: 5,
      },
      admin,
    );
    const id = await book(slots.addAvailability[0].id, registered.token);

    const cancelled = await ok(CancelAppointmentDocument, { id, reason: 'Cannot make it' }, registered.token);
    expect(cancelled.cancelAppointment).toMatchObject({ id, status: 'CANCELLED', lateCancellation: true });
    const deadline = Date.now() + 5000;
    let mine = await myInvoices(registered.token);
    while (mine.length === 0 && Date.now() < deadline) {
      await sleep(100);
      mine = await myInvoices(registered.token);
    }
    expect(mine).toEqual([
      expect.objectContaining({
        amount: '9.00',
        currency: 'EUR',
        status: 'PENDING',
        appointment: objectContaining({ id }),
      }),
    ]);
    const [line] = JSON.parse(
      (await rows<{ lines: string }>('billing', 'select `lines` from invoices where appointment_id = ?', [id]))[0]
        .lines,
    ) as unknown[];
    expect(line).toMatchObject({ kind: 'LATE_CANCEL_FEE', amount: '9.00' });
  });

  it('refuses a declined card (invoice FAILED, payable again), then takes a card payment once', async () => {
    const [invoice] = await myInvoices(patients[0].token);
    const declined = await gql(
      PayInvoiceDocument,
      { id: invoice.id, input: { method: 'CARD', token: 'tok_declined' } },
      patients[0].token,
    );
    expect(errorCode(declined)).toBe('BAD_USER_INPUT');
    expect(declined.errors![0].message).toMatch(/declined/);
    expect((await myInvoices(patients[0].token))[0].status).toBe('FAILED');

    const paid = await ok(
      PayInvoiceDocument,
      { id: invoice.id, input: { method: 'CARD', token: 'tok_visa_4242' } },
      patients[0].token,
    );
    expect(paid.payInvoice).toMatchObject({ id: invoice.id, status: 'PAID' });
    expect(new Date(paid.payInvoice.paidAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(
      errorCode(
        await gql(
          PayInvoiceDocument,
          { id: invoice.id, input: { method: 'CARD', token: 'tok_visa_4242' } },
          patients[0].token,
        ),
      ),
    ).toBe('CONFLICT');
    expect(await rows('billing', 'select id from outbox_events where type = ?', ['INVOICE_PAID'])).toHaveLength(1);
  });

  it('lets a patient pay only their own invoice, by card; an admin records cash', async () => {
    const [invoice] = await myInvoices(patients[1].token);
    expect(
      errorCode(
        await gql(
          PayInvoiceDocument,
          { id: invoice.id, input: { method: 'CARD', token: 'tok_visa' } },
          patients[0].token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(PayInvoiceDocument, { id: invoice.id, input: { method: 'CASH' } }, patients[1].token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(PayInvoiceDocument, { id: invoice.id, input: { method: 'CASH' } }, doctors[1].token)),
    ).toBe('FORBIDDEN');
    expect((await myInvoices(patients[1].token))[0].status).toBe('PENDING');
    const recorded = await ok(PayInvoiceDocument, { id: invoice.id, input: { method: 'CASH' } }, admin);
    expect(recorded.payInvoice).toMatchObject({ id: invoice.id, status: 'PAID' });
    // The entry travels through billing's outbox to the admin service's log.
    await eventually(async () => {
      const log = await ok(AdminActionLogDocument, { first: 20 }, admin);
      expect(log.adminActionLog.edges.map((e) => e.node)).toContainEqual(
        expect.objectContaining({ action: 'RECORD_PAYMENT', targetId: invoice.id }),
      );
    });
  });

  it('takes feedback once from the patient of a completed visit, and refuses bad input and unfinished visits', async () => {
    const before = await ok(DoctorsDocument, { serviceId });
    expect(before.doctors.find((d) => d.id === doctors[0].id)).toMatchObject({ rating: null, reviewCount: 0 });

    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[0], rating: 6 }, patients[0].token)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[0], rating: 0 }, patients[0].token)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(
          SubmitFeedbackDocument,
          { appointmentId: appointments[0], rating: 4, comment: 'x'.repeat(2001) },
          patients[0].token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[0], rating: 4 }, patients[1].token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[3], rating: 4 }, patients[0].token)),
    ).toBe('CONFLICT');
    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[2], rating: 1 }, patients[2].token)),
    ).toBe('CONFLICT');

    const given = await ok(
      SubmitFeedbackDocument,
      { appointmentId: appointments[0], rating: 5, comment: ' Kind and thorough. ' },
      patients[0].token,
    );
    expect(given.submitFeedback).toMatchObject({ rating: 5, comment: 'Kind and thorough.' });
    expect(
      errorCode(await gql(SubmitFeedbackDocument, { appointmentId: appointments[0], rating: 1 }, patients[0].token)),
    ).toBe('CONFLICT');
    await ok(SubmitFeedbackDocument, { appointmentId: appointments[1], rating: 2 }, patients[1].token);

    const after = await ok(DoctorsDocument, { serviceId });
    expect(after.doctors.find((d) => d.id === doctors[0].id)).toMatchObject({ rating: 5, reviewCount: 1 });
    expect(after.doctors.find((d) => d.id === doctors[1].id)).toMatchObject({ rating: 2, reviewCount: 1 });
    expect(after.doctors.find((d) => d.id === doctors[2].id)).toMatchObject({ rating: null, reviewCount: 0 });

    // Each completion asked its patient for feedback through the outbox (the notification service sends it).
    const requested = await rows<{ envelope: string }>(
      'feedback',
      'select envelope from outbox_events where type = ?',
      ['FEEDBACK_REQUESTED'],
    );
    expect(requested.map((row) => outboxEvent<'FEEDBACK_REQUESTED'>(row).payload.appointmentId).sort()).toEqual(
      [appointments[0], appointments[1]].sort(),
    );
  });

  it('sends the patient the invoice notice and the feedback request by email', async () => {
    const email = 'p1@after-visit.e2e.test';
    const subjectOf = (m: ReceivedMail) => m.headers.get('subject') ?? '';
    const arrived = (messages: ReceivedMail[]) => messages.filter((m) => m.to.includes(email));
    const mails = await sink
      .waitFor(
        (m) =>
          ['Invoice for', 'How was your visit?'].every((start) =>
            arrived(m).some((x) => subjectOf(x).startsWith(start)),
          ),
        30_000,
      )
      .then(arrived);
    const invoice = await mails.find((m) => subjectOf(m).startsWith('Invoice for'))!.parsed();
    expect(invoice.subject).toBe('Invoice for Check-up with Dr 1: 40.00 EUR');
    expect(invoice.text).toContain('by card, in cash at the front desk, or through your insurance');
    const request = await mails.find((m) => subjectOf(m).startsWith('How was your visit?'))!.parsed();
    expect(request.text).toContain('rate the visit in Carebook');
    // Each once, whatever redeliveries the events saw.
    expect(mails.filter((m) => subjectOf(m).startsWith('Invoice for'))).toHaveLength(1);
    expect(mails.filter((m) => subjectOf(m).startsWith('How was your visit?'))).toHaveLength(1);
  }, 60_000);

  it("shows the patient's appointments with invoice, feedback and notifications together (the contract's MyAppointments)", async () => {
    const mine = await ok(MyAppointmentsDocument, {}, patients[0].token);
    const byId = new Map(mine.myAppointments.map((a) => [a.id, a]));
    const done = byId.get(appointments[0])!;
    expect(done).toMatchObject({
      status: 'COMPLETED',
      service: { name: 'Check-up', price: '40.00', currency: 'EUR' },
      invoice: { amount: '40.00', currency: 'EUR', status: 'PAID' },
      feedback: { rating: 5, comment: 'Kind and thorough.' },
    });
    const sent = done.notifications.filter((n) => n.channel === 'EMAIL' && n.status === 'SENT').map((n) => n.kind);
    expect(sent).toEqual(expect.arrayContaining(['CONFIRMATION', 'INVOICE', 'FEEDBACK_REQUEST']));
    expect(byId.get(appointments[3])).toMatchObject({ status: 'CONFIRMED', invoice: null, feedback: null });
    // Patient.invoices: the patient themself and admins.
    const chart = 'query($id: ID!) { patient(id: $id) { id invoices { id status } } }';
    expect(
      (await raw<{ patient: { invoices: unknown[] } }>(chart, { id: patients[0].id }, admin)).data.patient.invoices,
    ).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect(errorCode(await raw(chart, { id: patients[0].id }, doctors[0].token))).toBe('FORBIDDEN');
  });

  it('reports every service and queue to admins, and a stopped subgraph as DOWN without failing', async () => {
    const running = [...stack.services.keys()];
    expect(errorCode(await gql(SystemHealthDocument, {}, patients[0].token))).toBe('FORBIDDEN');
    const healthy = await ok(SystemHealthDocument, {}, admin);
    const status = (report: SystemHealthQuery) =>
      Object.fromEntries(report.systemHealth.services.map((s) => [s.name, s.status]));
    const upOf = (report: SystemHealthQuery, names: string[]) =>
      Object.fromEntries(names.map((name) => [name, status(report)[name]]));
    expect(upOf(healthy, [...running, 'redis'])).toEqual(
      Object.fromEntries([...running, 'redis'].map((name) => [name, 'UP'])),
    );
    expect(healthy.systemHealth.services.find((s) => s.name === 'billing')!.latencyMs).toBeGreaterThanOrEqual(0);
    const queues = healthy.systemHealth.queues.map((q) => q.name);
    expect(queues).toEqual(
      expect.arrayContaining([
        'billing',
        'feedback',
        'notification',
        'notification-send',
        'patient-care',
        'scheduling-horizon',
        'appointment-reconcile',
      ]),
    );
    expect(healthy.systemHealth.queues.find((q) => q.name === 'billing')).toEqual({
      name: 'billing',
      waiting: 0,
      delayed: 0,
      active: 0,
      failed: 0,
    });

    await stack.services.get('feedback')!.stop();
    const degraded = await ok(SystemHealthDocument, {}, admin);
    expect(status(degraded).feedback).toBe('DOWN');
    expect(degraded.systemHealth.services.find((s) => s.name === 'feedback')!.latencyMs).toBeNull();
    const others = [...running.filter((n) => n !== 'feedback'), 'redis'];
    expect(upOf(degraded, others)).toEqual(Object.fromEntries(others.map((name) => [name, 'UP'])));
  });
});
