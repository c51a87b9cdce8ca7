import 'reflect-metadata';
import { postGraphql, startStack, variant } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  CompleteAppointmentDocument,
  LoginDocument,
  MyInvoicesDocument,
  PayInvoiceDocument,
  SystemHealthDocument,
} from '@carebook/sdk';
import { createConnection } from 'mysql2/promise';
import { clinicClient } from './lib/clinic';
import { latencyLine, pool } from './lib/stats';
import { CompleteVisitDocument, PayInvoiceByCardDocument } from './operations/generated/operations';

/**
 * pnpm bench:after-visit [visits=30]
 * Through the gateway: V visits that start at the next minute are completed
 * by their doctors, 10 at a time. Prints how long the invoice took after the
 * completion on the event path (invoices.issued_at - appointments.updated_at,
 * read from the stores; target: within 2 s), the completion latency with and
 * without the invoice in the response, payInvoice latency, the charges made
 * when 20 requests pay one invoice at once (must be 1), and systemHealth latency.
 */
async function main() {
  const visits = Number(process.argv[2] ?? 30);
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(
    ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'billing', 'feedback'],
    { LOG_LEVEL: 'error', BOOKING_MIN_NOTICE: '0' },
  ); // visits start within the minute
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench visit', 5);
    const tag = `av-${Date.now()}`;
    const doctorIds = await clinic.createDoctors(admin, visits, serviceId, tag);
    const doctorTokens = await pool(
      doctorIds,
      4,
      async (_, i) =>
        (
          await clinic.run(LoginDocument, {
            email: `dr${i}-${tag}@bench.carebook.test`,
            password: 'bench-doctor-password',
          })
        ).login.accessToken,
    );
    const patients = await clinic.registerPatients(visits, tag);

    // Completion needs a visit that has started: slots at the next full minute, booked before it, completed after.
    const start = new Date(Math.ceil((Date.now() + 30_000) / 60_000) * 60_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const appointmentIds = await pool(doctorIds, 4, async (doctorId, i) => {
      const slots = await clinic.run(
        AddAvailabilityDocument,
        {
          doctorId,
          date: start.toISOString().slice(0, 10),
          startTime: hhmm(start),
          endTime: hhmm(new Date(start.getTime() + 5 * 60_000)),
          slotMinutes: 5,
        },
        admin,
      );
      const booked = await clinic.run(
        BookAppointmentDocument,
        { input: { slotId: slots.addAvailability[0].id, serviceId } },
        patients[i],
      );
      return variant(booked.bookAppointment, 'BookingConfirmed').appointment.id;
    });
    const wait = start.getTime() - Date.now() + 500;
    if (wait < 0) throw new Error('setup took longer than the lead time; run again with fewer visits');
    console.log(`${visits} visits booked; waiting ${Math.round(wait / 1000)} s for them to start...`);
    await new Promise((r) => setTimeout(r, wait));

    const half = Math.floor(visits / 2);
    const plain: number[] = [];
    const withInvoice: number[] = [];
    await pool(appointmentIds, 10, async (id, i) => {
      const t0 = performance.now();
      // Either throws on an error answer.
      if (i < half) await clinic.run(CompleteVisitDocument, { id }, doctorTokens[i]);
      else await clinic.run(CompleteAppointmentDocument, { id }, doctorTokens[i]);
      (i < half ? plain : withInvoice).push(performance.now() - t0);
    });
    await new Promise((r) => setTimeout(r, 5000));
    const lags = await invoiceLags(stack.env, appointmentIds.slice(0, half));
    console.log(`\ncompletion of ${visits} visits, 10 at a time`);
    console.log(`  ${latencyLine('completeAppointment { id status }', plain)}`);
    console.log(
      `  ${latencyLine('completeAppointment { ... invoice { id amount status } } (invoice issued in the response)', withInvoice)}`,
    );
    console.log(
      `  invoices on the event path: ${lags.length} of ${half}, ${lags.filter((ms) => ms <= 2000).length} within 2 s; ${latencyLine('completion to invoice', lags)}`,
    );

    const invoices = await pool(
      patients,
      4,
      async (token) => (await clinic.run(MyInvoicesDocument, {}, token)).myInvoices[0].id,
    );
    const payLatencies: number[] = [];
    await pool(invoices.slice(1), 10, async (id, i) => {
      const t0 = performance.now();
      await clinic.run(PayInvoiceDocument, { id, input: { method: 'CARD', token: 'tok_bench' } }, patients[i + 1]);
      payLatencies.push(performance.now() - t0);
    });
    // Not clinic.run: all but one are refused (CONFLICT), and each answer is counted.
    const racing = await Promise.all(
      Array.from({ length: 20 }, () =>
        postGraphql(stack.gatewayUrl, PayInvoiceByCardDocument, { id: invoices[0] }, patients[0]),
      ),
    );
    console.log(`\npayments`);
    console.log(`  ${latencyLine('payInvoice by card, 10 at a time', payLatencies)}`);
    console.log(
      `  20 concurrent payments of one invoice: ${racing.filter((r) => !r.errors).length} succeeded, ${await charges(stack.env, invoices[0])} charge(s) recorded`,
    );

    const health: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const t0 = performance.now();
      await clinic.run(SystemHealthDocument, {}, admin);
      health.push(performance.now() - t0);
    }
    console.log(`\n  ${latencyLine('systemHealth (10 services with the gateway, Redis, 5 queues)', health)}`);
  } finally {
    await stack.stop();
  }
}

/** Completion to invoice, read from the two stores (the completion's commit time and the invoice's). */
async function invoiceLags(env: NodeJS.ProcessEnv, appointmentIds: string[]): Promise<number[]> {
  const appointments = await createConnection({ uri: env.APPOINTMENT_DB_URL! });
  const billing = await createConnection({ uri: env.BILLING_DB_URL! });
  try {
    const [closed] = await appointments.query('select id, updated_at from appointments where id in (?)', [
      appointmentIds,
    ]);
    const [issued] = await billing.query('select appointment_id, issued_at from invoices where appointment_id in (?)', [
      appointmentIds,
    ]);
    const closedAt = new Map(
      (closed as Array<{ id: string; updated_at: Date }>).map((row) => [row.id, row.updated_at.getTime()]),
    );
    return (issued as Array<{ appointment_id: string; issued_at: Date }>).map(
      (row) => row.issued_at.getTime() - closedAt.get(row.appointment_id)!,
    );
  } finally {
    await Promise.all([appointments.end(), billing.end()]);
  }
}

async function charges(env: NodeJS.ProcessEnv, invoiceId: string): Promise<number> {
  const billing = await createConnection({ uri: env.BILLING_DB_URL! });
  try {
    const [rows] = await billing.query(
      "select count(*) as n from payments where invoice_id = ? and status = 'SUCCEEDED'",
      [invoiceId],
    );
    return Number((rows as Array<{ n: number }>)[0].n);
  } finally {
    await billing.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
