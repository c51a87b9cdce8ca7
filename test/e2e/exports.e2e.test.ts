import { callerToken, eventually, Stack, startStack } from '@carebook/platform/testing';
import { AdminActionLogDocument } from '@carebook/sdk';
import { randomUUID } from 'node:crypto';
import { Clinic } from './lib/clinic';

/**
 * The admin CSV exports end to end through the gateway's public port:
 * refused to everyone but admins, filtered exactly (by the clinic's days,
 * doctor, status), quoted and spreadsheet-safe, without the sealed columns,
 * and recorded in the admin action log. Rows are seeded straight into the
 * services' databases, so their times and statuses are exactly known.
 */
describe('CSV exports through the gateway', () => {
  let stack: Stack;
  let clinic: Clinic;
  let ok: Clinic['ok'];
  let exportsUrl: string;
  const tokens = { admin: '', patient: '', doctor: '', staff: '' };
  const doctorA = { id: '', name: '=HYPERLINK("http://evil.example")' };
  const unknownDoctor = randomUUID();
  const p1 = { id: '', name: 'Smith, "Ann"\nJunior' };
  const p2 = { id: '', name: '@SUM(1+1)' };
  let serviceId = '';
  const a = Array.from({ length: 5 }, () => randomUUID());
  const inv = Array.from({ length: 3 }, () => randomUUID());

  const sql = (service: 'appointment' | 'billing' | 'patient' | 'doctor', statement: string, params: unknown[]) =>
    clinic.rows(service, statement, params);

  /** The error an export refused with: its JSON body. */
  const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

  async function get(path: string, token?: string) {
    const response = await fetch(`${exportsUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  }

  /** The first column of each record: the ids, in file order (no id-like text starts a continued line in these names). */
  const idsOf = (csv: string) =>
    csv
      .split('\r\n')
      .join('\n')
      .split('\n')
      .slice(1)
      .filter((line) => /^[0-9a-f-]{36},/.test(line))
      .map((line) => line.slice(0, 36));

  beforeAll(async () => {
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'billing'], {
      CLINIC_TIME_ZONE: 'Europe/Berlin',
    });
    clinic = await Clinic.open(stack);
    ({ ok } = clinic);
    exportsUrl = stack.gatewayUrl.replace(/\/graphql$/, '');
    tokens.admin = clinic.admin;
    serviceId = await clinic.service({ name: 'Check-up, full' });
    const doctor = await clinic.doctor({
      email: 'dr@exports.e2e.test',
      name: 'Dr Export',
      licenseNumber: 'EX-1',
      serviceIds: [serviceId],
    });
    doctorA.id = doctor.id;
    tokens.doctor = doctor.token;
    const password = 'export-password-1';
    const first = await clinic.patient({ email: 'ann@exports.e2e.test', name: 'Ann Smith', password });
    Object.assign(p1, { id: first.id });
    tokens.patient = first.token;
    p2.id = (await clinic.patient({ email: 'bob@exports.e2e.test', name: 'Bob', password })).id;
    tokens.staff = (await clinic.staff({ email: 'desk@exports.e2e.test', name: 'Desk', password })).token;

    // Names no form accepts (a newline, a formula), as data imported from elsewhere may hold them.
    await sql('doctor', 'update doctors set name = ? where id = ?', [doctorA.name, doctorA.id]);
    await sql('patient', 'update patients set name = ? where id = ?', [p1.name, p1.id]);
    await sql('patient', 'update patients set name = ? where id = ?', [p2.name, p2.id]);

    // Clinic days (Europe/Berlin, UTC+1 in March): a[0] and a[2] are on the clinic's 1 and 2 March although UTC says 28 Feb and 1 March.
    const appointments: Array<[string, string, string, string, string, string | null]> = [
      [a[0], '2026-02-28 23:30:00.000', doctorA.id, p1.id, 'NO_SHOW', null],
      [a[1], '2026-03-01 08:00:00.000', doctorA.id, p1.id, 'CONFIRMED', null],
      [a[2], '2026-03-01 23:30:00.000', unknownDoctor, p2.id, 'CANCELLED', '2026-02-27 10:00:00.000'],
      [a[3], '2026-03-02 10:00:00.000', doctorA.id, p2.id, 'COMPLETED', null],
      [a[4], '2026-03-05 10:00:00.000', doctorA.id, p1.id, 'CONFIRMED', null],
    ];
    for (const [id, startsAt, doctorId, patientId, status, lateCancelledAt] of appointments) {
      await sql(
        'appointment',
        `insert into appointments (id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, status, reason, completion_notes, price, currency, late_cancelled_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, date_add(?, interval 30 minute), ?, 'secret-reason', 'secret-notes', '40.00', 'EUR', ?, now(3), now(3))`,
        [id, patientId, doctorId, serviceId, randomUUID(), startsAt, startsAt, status, lateCancelledAt],
      );
    }
    const invoices: Array<[string, string, string, string, string, string | null]> = [
      [inv[0], a[1], '2026-03-01 10:00:00.000', p1.id, 'PAID', '2026-03-02 09:00:00.000'],
      [inv[1], a[3], '2026-03-03 10:00:00.000', p2.id, 'PENDING', null],
      [inv[2], a[2], '2026-02-28 23:30:00.000', p2.id, 'VOID', null],
    ];
    for (const [id, appointmentId, issuedAt, patientId, status, paidAt] of invoices) {
      await sql(
        'billing',
        `insert into invoices (id, appointment_id, patient_id, doctor_id, service_id, status, amount, currency, \`lines\`, issued_at, paid_at)
         values (?, ?, ?, ?, ?, ?, '55.50', 'EUR', '[]', ?, ?)`,
        [id, appointmentId, patientId, doctorA.id, serviceId, status, issuedAt, paidAt],
      );
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('exports the appointments of the clinic days asked for, quoted and spreadsheet-safe, without sealed text', async () => {
    const answer = await get('/exports/appointments.csv?from=2026-03-01&to=2026-03-02', tokens.admin);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/csv; charset=utf-8');
    const lines = answer.body.split('\n');
    expect(lines[0]).toBe(
      'appointment_id,starts_at_utc,ends_at_utc,starts_at_local,time_zone,location,doctor_id,doctor_name,patient_id,patient_name,service_id,service_name,status,price,currency,late_cancellation',
    );
    expect(idsOf(answer.body)).toEqual([a[0], a[1], a[2], a[3]]);
    // Commas, quotes and a newline are quoted (RFC 4180); a formula becomes text with a leading apostrophe.
    expect(answer.body).toContain(
      `${a[1]},2026-03-01T08:00:00.000Z,2026-03-01T08:30:00.000Z,2026-03-01T09:00,Europe/Berlin,,${doctorA.id},"'=HYPERLINK(""http://evil.example"")",${p1.id},"Smith, ""Ann""\nJunior",${serviceId},"Check-up, full",CONFIRMED,40.00,EUR,false\n`,
    );
    expect(answer.body).toContain(
      `${a[2]},2026-03-01T23:30:00.000Z,2026-03-02T00:00:00.000Z,2026-03-02T00:30,Europe/Berlin,,${unknownDoctor},,${p2.id},'@SUM(1+1),${serviceId},"Check-up, full",CANCELLED,40.00,EUR,true\n`,
    );
    expect(answer.body).not.toMatch(/secret-(reason|notes)/);
  });

  it('filters by doctor and by status, and takes the whole range', async () => {
    expect(
      idsOf(
        (await get(`/exports/appointments.csv?from=2026-03-01&to=2026-03-02&doctorId=${doctorA.id}`, tokens.admin))
          .body,
      ),
    ).toEqual([a[0], a[1], a[3]]);
    expect(
      idsOf((await get('/exports/appointments.csv?from=2026-03-01&to=2026-03-31&status=CONFIRMED', tokens.admin)).body),
    ).toEqual([a[1], a[4]]);
    expect(
      idsOf(
        (
          await get(
            `/exports/appointments.csv?from=2026-02-01&to=2026-03-31&doctorId=${doctorA.id}&status=COMPLETED`,
            tokens.admin,
          )
        ).body,
      ),
    ).toEqual([a[3]]);
    // Empty parameters (as a form sends them) mean no filter.
    expect(
      idsOf(
        (await get('/exports/appointments.csv?from=2026-02-01&to=2026-03-31&doctorId=&status=', tokens.admin)).body,
      ),
    ).toEqual(a);
    const none = await get('/exports/appointments.csv?from=2027-01-01&to=2027-01-31', tokens.admin);
    expect(none.status).toBe(200);
    expect(idsOf(none.body)).toEqual([]);
  });

  it('exports invoices of the clinic days asked for, by status', async () => {
    const answer = await get('/exports/invoices.csv?from=2026-03-01&to=2026-03-02', tokens.admin);
    expect(answer.status).toBe(200);
    expect(answer.body.split('\n')[0]).toBe(
      'invoice_id,appointment_id,patient_id,patient_name,amount,currency,status,issued_at_utc,paid_at_utc',
    );
    expect(idsOf(answer.body)).toEqual([inv[2], inv[0]]);
    expect(answer.body).toContain(
      `${inv[0]},${a[1]},${p1.id},"Smith, ""Ann""\nJunior",55.50,EUR,PAID,2026-03-01T10:00:00.000Z,2026-03-02T09:00:00.000Z\n`,
    );
    expect(answer.body).toContain(`${inv[2]},${a[2]},${p2.id},'@SUM(1+1),55.50,EUR,VOID,2026-02-28T23:30:00.000Z,\n`);
    expect(
      idsOf((await get('/exports/invoices.csv?from=2026-03-01&to=2026-03-31&status=PENDING', tokens.admin)).body),
    ).toEqual([inv[1]]);
  });

  it('records every export in the admin action log with its filter', async () => {
    await get(
      `/exports/appointments.csv?from=2026-01-01&to=2026-01-31&doctorId=${doctorA.id}&status=CANCELLED`,
      tokens.admin,
    );
    await get('/exports/invoices.csv?from=2026-01-01&to=2026-01-31&status=PAID', tokens.admin);
    // details is JSON text in the contract; the entries travel through the services' outboxes to the log.
    await eventually(async () => {
      const log = await ok(AdminActionLogDocument, { first: 50 }, tokens.admin);
      const entries = log.adminActionLog.edges.map((e) => ({
        ...e.node,
        details: JSON.parse(String(e.node.details)) as unknown,
      }));
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'EXPORT_APPOINTMENTS',
            targetId: 'appointments',
            details: { filter: { from: '2026-01-01', to: '2026-01-31', doctorId: doctorA.id, status: 'CANCELLED' } },
          }),
          expect.objectContaining({
            action: 'EXPORT_INVOICES',
            targetId: 'invoices',
            details: { filter: { from: '2026-01-01', to: '2026-01-31', status: 'PAID' } },
          }),
        ]),
      );
    });
  });

  it('refuses anyone but an admin: 401 without or with a bad token, 403 for patients, doctors and the front desk', async () => {
    const counted = async () =>
      (await ok(AdminActionLogDocument, { first: 100 }, tokens.admin)).adminActionLog.edges.length;
    const before = await counted();
    for (const path of [
      '/exports/appointments.csv?from=2026-03-01&to=2026-03-02',
      '/exports/invoices.csv?from=2026-03-01&to=2026-03-02',
    ]) {
      const anonymous = await get(path);
      expect([anonymous.status, errorOf(anonymous.body).code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(errorOf(anonymous.body).message).toMatch(/admin's access token/);
      expect((await get(path, 'not-a-token')).status).toBe(401);
      for (const role of ['patient', 'doctor', 'staff'] as const) {
        const refused = await get(path, tokens[role]);
        expect([role, refused.status, errorOf(refused.body)]).toEqual([
          role,
          403,
          { code: 'FORBIDDEN', message: 'Exports are for administrators only.' },
        ]);
      }
    }
    expect(await counted()).toBe(before);
  });

  it('answers a web app on another origin as /graphql does (CORS), so that it can download with the bearer token', async () => {
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${exportsUrl}/exports/appointments.csv?from=2026-03-01&to=2026-03-02`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const answer = await fetch(`${exportsUrl}/exports/invoices.csv?from=2026-03-01&to=2026-03-02`, {
      headers: { origin, authorization: `Bearer ${tokens.admin}` },
    });
    expect([answer.status, answer.headers.get('access-control-allow-origin')]).toEqual([200, origin]);
    await answer.text();
  });

  it('answers bad filters with 400 naming the parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/exports/appointments.csv?to=2026-03-02', /from is required/],
      ['/exports/appointments.csv?from=2026-02-30&to=2026-03-02', /from must be a date like 2026-12-01/],
      ['/exports/appointments.csv?from=2026-03-02&to=2026-03-01', /to must not be before from/],
      ['/exports/appointments.csv?from=2025-01-01&to=2026-03-01', /to: the range covers 425 days; export at most 366/],
      ['/exports/appointments.csv?from=2026-03-01&to=2026-03-02&doctorId=dr-who', /doctorId must be a doctor's id/],
      [
        '/exports/appointments.csv?from=2026-03-01&to=2026-03-02&status=LOST',
        /status must be one of PENDING, CONFIRMED, CANCELLED, COMPLETED, NO_SHOW/,
      ],
      [
        '/exports/appointments.csv?from=2026-03-01&to=2026-03-02&reason=x',
        /reason: unknown parameter; an export takes from, to, doctorId, status/,
      ],
      [
        '/exports/invoices.csv?from=2026-03-01&to=2026-03-02&status=CONFIRMED',
        /status must be one of PENDING, PAID, FAILED, VOID/,
      ],
      [
        '/exports/invoices.csv?from=2026-03-01&to=2026-03-02&doctorId=x',
        /doctorId: unknown parameter; an export takes from, to, status/,
      ],
    ];
    for (const [path, message] of cases) {
      const answer = await get(path, tokens.admin);
      expect([path, answer.status, errorOf(answer.body).code]).toEqual([path, 400, 'BAD_USER_INPUT']);
      expect(errorOf(answer.body).message).toMatch(message);
    }
  });

  it("has the owning service check the user again: a gateway-signed call for a patient's token is refused", async () => {
    const response = await fetch(`${stack.env.APPOINTMENT_URL}/internal-streams/appointments-csv`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-carebook-caller': await callerToken('gateway', 'appointment'),
        authorization: `Bearer ${tokens.patient}`,
      },
      body: JSON.stringify({ from: '2026-03-01', to: '2026-03-02' }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });
});
