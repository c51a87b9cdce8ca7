import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AppointmentStatus,
  billingContract,
  createEvent,
  EVENT_JOB_OPTIONS,
  OutboxEvent,
  Role,
  RouteOutput,
} from '@carebook/platform';
import {
  AppointmentFixture,
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  outboxEvent,
  postAsGateway,
  postGraphql,
  serviceClientAs,
  startAppointmentFixture,
  startTestIssuer,
  stringMatching,
  TestIssuer,
  testPortBase,
  untilJobCompleted,
} from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import { RunningBilling, startBilling } from '../src/app';
import { loadBillingConfig } from '../src/config';
import { Invoice, Payment } from '../src/entities';
import {
  EntityInvoiceDocument,
  MyInvoicesDocument,
  PatientInvoicesDocument,
  PayDocument,
} from './generated/operations';

interface Visit {
  appointmentId: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
}

/**
 * Billing against the real MariaDB and Redis: invoices from completion events
 * (once per appointment whatever the redelivery), from Appointment.invoice
 * (the same response as the completion), payment rules and concurrent payments.
 */
describe('billing subgraph', () => {
  const databaseUrl = freshDatabaseUrl('billing');
  const prefix = `test-billing-${process.pid}-${randomBytes(3).toString('hex')}`;
  let issuer: TestIssuer;
  let billing: RunningBilling;
  let appointments: AppointmentFixture;
  let config: ReturnType<typeof loadBillingConfig>;
  let events: Queue;
  let admin: string;
  let doctor: string;

  const visit = (patientId = randomUUID()): Visit => ({
    appointmentId: randomUUID(),
    patientId,
    doctorId: doctorId,
    serviceId: randomUUID(),
  });
  const doctorId = randomUUID();
  const tokenOf = (id: string, role = Role.PATIENT) => issuer.mint({ sub: id, role });
  const gql = <T, V>(operation: TypedDocumentNode<T, V>, variables: NoInfer<V>, token: string) =>
    postAsGateway('billing', billing.url, operation, variables, token);
  /** What the gateway hands billing for Appointment.invoice: the key and the required status. */
  const representation = (v: Visit, status: string) => ({ __typename: 'Appointment', id: v.appointmentId, status });
  /** An appointment the appointment service really holds (billing asks it for the facts when it issues on demand). */
  async function storedVisit(status: AppointmentStatus, price = '40.00', lateCancelled = false): Promise<Visit> {
    const row = await appointments.add(status, { doctorId, price, lateCancelled });
    return { appointmentId: row.id, patientId: row.patientId, doctorId, serviceId: row.serviceId };
  }
  const closedEvent = (v: Visit, type: 'APPOINTMENT_COMPLETED' | 'APPOINTMENT_NO_SHOW', price = '40.00') =>
    createEvent(
      'appointment',
      type,
      { type: 'Appointment', id: v.appointmentId },
      {
        ...v,
        slotId: randomUUID(),
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
        price,
        currency: 'EUR',
      },
    );

  const cancelledEvent = (v: Visit, late: boolean) =>
    createEvent(
      'appointment',
      'APPOINTMENT_CANCELLED',
      { type: 'Appointment', id: v.appointmentId },
      {
        ...v,
        slotId: randomUUID(),
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
        cancelledBy: v.patientId,
        late,
        price: '40.00',
        currency: 'EUR',
      },
    );

  async function deliver(event: ReturnType<typeof closedEvent> | ReturnType<typeof cancelledEvent>) {
    // Queued as the outbox relay queues: a try that loses a race to a concurrent request is retried.
    const job = await events.add(event.type, event, { ...EVENT_JOB_OPTIONS, jobId: `test-${randomUUID()}` });
    await untilJobCompleted(job, 10_000);
  }

  const invoicesOf = (appointmentId: string) => billing.orm.em.fork().find(Invoice, { appointmentId });
  const outbox = (type: string) => billing.orm.em.fork().find(OutboxEvent, { type });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const appointmentPort = testPortBase() + 5;
    appointments = await startAppointmentFixture(appointmentPort, {
      NODE_ENV: 'test',
      AUTH_JWKS_URL: issuer.jwksUrl,
      REDIS_PREFIX: prefix,
    });
    config = loadBillingConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      BILLING_PORT: '0',
      BILLING_DB_URL: databaseUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
      REDIS_PREFIX: prefix,
      NO_SHOW_FEE: '12.50',
      LATE_CANCEL_FEE: '7.00',
      ADMIN_URL: 'http://127.0.0.1:9',
      APPOINTMENT_URL: `http://127.0.0.1:${appointmentPort}`,
    });
    billing = await startBilling(config);
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    events = new Queue('billing', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix });
    admin = await tokenOf(randomUUID(), Role.ADMIN);
    doctor = await tokenOf(doctorId, Role.DOCTOR);
  }, 60_000);

  afterAll(async () => {
    await events?.obliterate({ force: true }).catch(() => undefined);
    await events?.close();
    await billing?.stop();
    await appointments?.stop();
    await issuer?.stop();
    await dropDatabase(databaseUrl);
  });

  it('issues one invoice for a completion event, however often it is delivered', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED, '35.50');
    const event = closedEvent(v, 'APPOINTMENT_COMPLETED', '35.50');
    await deliver(event);
    await deliver(event); // the same event id: skipped
    await deliver({ ...event, id: randomUUID() }); // the same facts under another id: the unique appointment id holds
    const invoices = await invoicesOf(v.appointmentId);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ amount: '35.50', currency: 'EUR', status: 'PENDING', patientId: v.patientId });
    const issued = (await outbox('INVOICE_ISSUED')).filter((row) => row.aggregateId === invoices[0].id);
    expect(issued).toHaveLength(1);
    expect(outboxEvent<'INVOICE_ISSUED'>(issued[0]).payload).toEqual({
      invoiceId: invoices[0].id,
      appointmentId: v.appointmentId,
      patientId: v.patientId,
      amount: '35.50',
      currency: 'EUR',
    });
  });

  it('bills nothing for jobs pushed straight into the queue that the appointment service does not confirm, and bills a confirmed one from its own facts', async () => {
    const unknown = visit();
    const open = await storedVisit(AppointmentStatus.CONFIRMED);
    const completed = await storedVisit(AppointmentStatus.COMPLETED, '40.00');
    const forged = [
      closedEvent(unknown, 'APPOINTMENT_COMPLETED', '999.00'), // an appointment that does not exist
      closedEvent(open, 'APPOINTMENT_COMPLETED'), // one that is not completed
      closedEvent(completed, 'APPOINTMENT_NO_SHOW'), // completed, but claimed a no-show
      { ...closedEvent(unknown, 'APPOINTMENT_COMPLETED'), payload: {} }, // no appointment at all
    ];
    for (const event of forged) await deliver(event as ReturnType<typeof closedEvent>);
    expect(await invoicesOf(unknown.appointmentId)).toHaveLength(0);
    expect(await invoicesOf(open.appointmentId)).toHaveLength(0);
    expect(await invoicesOf(completed.appointmentId)).toHaveLength(0);

    // A job naming a real completed appointment with another patient and price bills the appointment as it is.
    await deliver(closedEvent({ ...completed, patientId: randomUUID() }, 'APPOINTMENT_COMPLETED', '0.01'));
    expect(await invoicesOf(completed.appointmentId)).toEqual([
      expect.objectContaining({ patientId: completed.patientId, amount: '40.00', currency: 'EUR' }),
    ]);
  });

  it('invoices LATE_CANCEL_FEE for a cancellation the appointment service holds as late, and nothing for a timely or unconfirmed one', async () => {
    const late = await storedVisit(AppointmentStatus.CANCELLED, '40.00', true);
    await deliver(cancelledEvent(late, true));
    expect(await invoicesOf(late.appointmentId)).toEqual([
      expect.objectContaining({ amount: '7.00', currency: 'EUR', patientId: late.patientId }),
    ]);
    expect(JSON.parse((await invoicesOf(late.appointmentId))[0].lines)).toEqual([
      { kind: 'LATE_CANCEL_FEE', description: 'Late cancellation fee', amount: '7.00', serviceId: late.serviceId },
    ]);

    const timely = await storedVisit(AppointmentStatus.CANCELLED);
    const claimedLate = await storedVisit(AppointmentStatus.CANCELLED); // the job says late; the appointment service does not
    const stillOpen = await storedVisit(AppointmentStatus.CONFIRMED, '40.00', true); // moved late, not cancelled
    for (const event of [
      cancelledEvent(timely, false),
      cancelledEvent(claimedLate, true),
      cancelledEvent(stillOpen, true),
    ])
      await deliver(event);
    for (const v of [timely, claimedLate, stillOpen]) expect(await invoicesOf(v.appointmentId)).toHaveLength(0);
  });

  it('adds the late fee to the visit of an appointment its patient moved late, on the event and on demand', async () => {
    const byEvent = await storedVisit(AppointmentStatus.COMPLETED, '40.00', true);
    await deliver(closedEvent(byEvent, 'APPOINTMENT_COMPLETED'));
    expect((await invoicesOf(byEvent.appointmentId))[0]).toMatchObject({ amount: '47.00' });

    const onDemand = await storedVisit(AppointmentStatus.CANCELLED, '40.00', true);
    const answer = await gql(
      EntityInvoiceDocument,
      { reps: [{ ...representation(onDemand, 'CANCELLED'), lateCancellation: true }] },
      await tokenOf(onDemand.patientId),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities[0]!.invoice).toMatchObject({
      amount: '7.00',
      lines: [{ kind: 'LATE_CANCEL_FEE', amount: '7.00' }],
    });
    // A cancellation the representation calls timely is not looked up: no invoice.
    const timely = await storedVisit(AppointmentStatus.CANCELLED);
    const none = await gql(
      EntityInvoiceDocument,
      { reps: [{ ...representation(timely, 'CANCELLED'), lateCancellation: false }] },
      await tokenOf(timely.patientId),
    );
    expect(none.data!._entities[0]!.invoice).toBeNull();
  });

  it("issues a no-show fee on demand from the appointment service's facts, with the booked currency", async () => {
    const v = await storedVisit(AppointmentStatus.NO_SHOW, '90.00');
    const answer = await gql(
      EntityInvoiceDocument,
      { reps: [representation(v, 'NO_SHOW')] },
      await tokenOf(v.patientId),
    );
    expect(answer.data!._entities[0]!.invoice).toMatchObject({
      amount: '12.50',
      currency: 'EUR',
      lines: [{ kind: 'NO_SHOW_FEE', amount: '12.50', service: { id: v.serviceId } }],
    });
  });

  it('invoices a no-show with NO_SHOW_FEE', async () => {
    const v = await storedVisit(AppointmentStatus.NO_SHOW);
    await deliver(closedEvent(v, 'APPOINTMENT_NO_SHOW'));
    const [invoice] = await invoicesOf(v.appointmentId);
    expect(invoice).toMatchObject({ amount: '12.50', status: 'PENDING' });
    const lines = await gql(
      EntityInvoiceDocument,
      { reps: [representation(v, 'NO_SHOW')] },
      await tokenOf(v.patientId),
    );
    expect(lines.data!._entities[0]!.invoice!.lines).toEqual([
      { kind: 'NO_SHOW_FEE', description: 'Missed appointment fee', amount: '12.50', service: { id: v.serviceId } },
    ]);
  });

  it('issues the invoice of a completed appointment when it is first asked for, once under concurrent requests and events', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED);
    const token = await tokenOf(v.patientId);
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => gql(EntityInvoiceDocument, { reps: [representation(v, 'COMPLETED')] }, token)),
      deliver(closedEvent(v, 'APPOINTMENT_COMPLETED')).then(() => null),
    ]);
    const ids = new Set(answers.filter(Boolean).map((a) => a!.data!._entities[0]!.invoice!.id));
    expect(ids.size).toBe(1);
    expect(await invoicesOf(v.appointmentId)).toHaveLength(1);
    expect(
      (await outbox('INVOICE_ISSUED')).filter(
        (row) => outboxEvent<'INVOICE_ISSUED'>(row).payload.appointmentId === v.appointmentId,
      ),
    ).toHaveLength(1);
    expect(answers[0]!.data!._entities[0]!.invoice).toMatchObject({
      amount: '40.00',
      currency: 'EUR',
      status: 'PENDING',
      lines: [{ kind: 'VISIT', amount: '40.00' }],
    });
  });

  it('shows no invoice before completion, and an invoice only to its patient, its doctor and admins', async () => {
    const open = visit();
    const none = await gql(
      EntityInvoiceDocument,
      { reps: [representation(open, 'CONFIRMED')] },
      await tokenOf(open.patientId),
    );
    expect(none.data!._entities[0]!.invoice).toBeNull();
    expect(await invoicesOf(open.appointmentId)).toHaveLength(0);
    // The representation's status only says when to ask; the appointment service's answer decides.
    const confirmed = await storedVisit(AppointmentStatus.CONFIRMED);
    const forged = await gql(
      EntityInvoiceDocument,
      { reps: [representation(confirmed, 'COMPLETED')] },
      await tokenOf(confirmed.patientId),
    );
    expect(forged.data!._entities[0]!.invoice).toBeNull();
    expect(await invoicesOf(confirmed.appointmentId)).toHaveLength(0);

    const v = await storedVisit(AppointmentStatus.COMPLETED);
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const seen = async (token: string) =>
      (await gql(EntityInvoiceDocument, { reps: [representation(v, 'COMPLETED')] }, token)).data!._entities[0]!.invoice;
    expect(await seen(await tokenOf(v.patientId))).not.toBeNull();
    expect(await seen(doctor)).not.toBeNull();
    expect(await seen(admin)).not.toBeNull();
    expect(await seen(await tokenOf(randomUUID()))).toBeNull();
    expect(await seen(await tokenOf(randomUUID(), Role.DOCTOR))).toBeNull();

    expect(
      (await gql(PatientInvoicesDocument, { reps: [{ __typename: 'Patient', id: v.patientId }] }, admin)).data!
        ._entities[0]!.invoices,
    ).toHaveLength(1);
    expect(
      errorCode(
        await gql(
          PatientInvoicesDocument,
          { reps: [{ __typename: 'Patient', id: v.patientId }] },
          await tokenOf(randomUUID()),
        ),
      ),
    ).toBe('FORBIDDEN');
    const mine = await gql(MyInvoicesDocument, {}, await tokenOf(v.patientId));
    expect(mine.data!.myInvoices).toEqual([
      expect.objectContaining({
        amount: '40.00',
        status: 'PENDING',
        paidAt: null,
        appointment: { id: v.appointmentId },
      }),
    ]);
  });

  it('refuses bad payments with the right codes and writes nothing', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED);
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const [invoice] = await invoicesOf(v.appointmentId);
    const patient = await tokenOf(v.patientId);
    expect(errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CARD' } }, patient))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: '   ' } }, patient)),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CASH' } }, patient))).toBe('FORBIDDEN');
    expect(errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'INSURANCE' } }, patient))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await gql(
          PayDocument,
          { id: invoice.id, input: { method: 'CARD', token: 'tok_ok' } },
          await tokenOf(randomUUID()),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: 'tok_ok' } }, doctor)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(PayDocument, { id: randomUUID(), input: { method: 'CARD', token: 'tok_ok' } }, patient)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: 'tok_ok' } }, ''))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await billing.orm.em.fork().count(Payment, { invoiceId: invoice.id })).toBe(0);
    expect((await billing.orm.em.fork().findOneOrFail(Invoice, { id: invoice.id })).status).toBe('PENDING');
  });

  it('records a declined card as FAILED and lets the patient pay again, then refuses a second payment', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED);
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const [invoice] = await invoicesOf(v.appointmentId);
    const patient = await tokenOf(v.patientId);
    const declined = await gql(
      PayDocument,
      { id: invoice.id, input: { method: 'CARD', token: 'tok_declined' } },
      patient,
    );
    expect(errorCode(declined)).toBe('BAD_USER_INPUT');
    expect(declined.errors![0].message).toMatch(/declined.*try again/);
    expect((await billing.orm.em.fork().findOneOrFail(Invoice, { id: invoice.id })).status).toBe('FAILED');

    const paid = await gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: 'tok_visa' } }, patient);
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.payInvoice).toMatchObject({
      status: 'PAID',
      payments: [
        { method: 'CARD', status: 'DECLINED', failureReason: stringMatching(/declined/) },
        { method: 'CARD', status: 'SUCCEEDED', failureReason: null },
      ],
    });
    expect(
      errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: 'tok_visa' } }, patient)),
    ).toBe('CONFLICT');
    expect(errorCode(await gql(PayDocument, { id: invoice.id, input: { method: 'CASH' } }, admin))).toBe('CONFLICT');
    const paidEvents = (await outbox('INVOICE_PAID')).filter((row) => row.aggregateId === invoice.id);
    expect(paidEvents.map((row) => outboxEvent<'INVOICE_PAID'>(row).payload)).toEqual([
      { invoiceId: invoice.id, appointmentId: v.appointmentId, patientId: v.patientId, method: 'CARD' },
    ]);
  });

  it('charges at most once when one invoice is paid many times at the same instant', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED);
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const [invoice] = await invoicesOf(v.appointmentId);
    const patient = await tokenOf(v.patientId);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        gql(PayDocument, { id: invoice.id, input: { method: 'CARD', token: 'tok_visa' } }, patient),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(Array(11).fill('CONFLICT'));
    expect(await billing.orm.em.fork().count(Payment, { invoiceId: invoice.id })).toBe(1);
    expect((await outbox('INVOICE_PAID')).filter((row) => row.aggregateId === invoice.id)).toHaveLength(1);
  });

  it('lets an admin record cash or insurance for any invoice', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED);
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const [invoice] = await invoicesOf(v.appointmentId);
    const recorded = await gql(PayDocument, { id: invoice.id, input: { method: 'INSURANCE' } }, admin);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.payInvoice).toMatchObject({
      status: 'PAID',
      payments: [{ method: 'INSURANCE', status: 'SUCCEEDED' }],
    });
    expect(new Date(recorded.data!.payInvoice.paidAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers the notification service (not users, not other services) with invoice facts over the internal route', async () => {
    const v = await storedVisit(AppointmentStatus.COMPLETED, '22.10');
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED', '22.10'));
    const [invoice] = await invoicesOf(v.appointmentId);
    const services = serviceClientAs('notification', { BILLING_URL: billing.url });
    const answer = await services.call<RouteOutput<typeof billingContract.routes.invoices>>('billing', 'invoices', {
      ids: [invoice.id],
    });
    expect(answer.invoices).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        appointmentId: v.appointmentId,
        status: 'PENDING',
        amount: '22.10',
        currency: 'EUR',
        lines: [expect.objectContaining({ kind: 'VISIT', amount: '22.10', serviceId: v.serviceId })],
      }),
    ]);
    const asUser = await fetch(`${billing.url}/internal/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ ids: [invoice.id] }),
    });
    expect(asUser.status).toBe(401);
    await expect(
      serviceClientAs('feedback', { BILLING_URL: billing.url }).call('billing', 'invoices', { ids: [invoice.id] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("refuses an appointment's invoice asked straight at the billing port without the gateway's caller token (401, no data)", async () => {
    const v = visit();
    await deliver(closedEvent(v, 'APPOINTMENT_COMPLETED'));
    const raw = await postGraphql(
      billing.url,
      EntityInvoiceDocument,
      { reps: [representation(v, 'COMPLETED')] },
      admin,
    );
    expect({ status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      data: undefined,
    });
  });
});
