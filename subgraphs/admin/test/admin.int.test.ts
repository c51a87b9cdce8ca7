import { createEvent, createFieldSealer, DomainEvent, EVENT_JOB_OPTIONS, parseKeyRing, Role } from '@carebook/platform';
import { Queue } from 'bullmq';
import type { DocumentNode } from 'graphql';
import {
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  GraphqlResponse,
  postAsGateway,
  postGraphql,
  runKeyRotationCommand,
  SpawnedService,
  spawnService,
  stringMatching,
  testPortBase,
  untilJobCompleted,
  wrongVariables,
} from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAdmin } from '../src/app';
import { loadAdminConfig } from '../src/config';
import { SEALED } from '../src/domain/sealed-columns';
import { LoginDocument, UsersDocument } from './generated/auth';
import {
  DoctorActiveDocument,
  DoctorDocument,
  DoctorsDocument,
  MedicalServiceDocument,
  MedicalServicesDocument,
  PolicyDocument,
} from './generated/doctor';
import {
  CreateDoctorDocument,
  CreateServiceDocument,
  DeactivateDocument,
  MedicalServiceInput,
  LogDocument,
  LogQuery,
  RetireServiceDocument,
  SetPolicyDocument,
  SetRoleDocument,
  UpdateDoctorDocument,
  UpdateServiceDocument,
} from './generated/operations';

const ADMIN = { email: 'root-admin@admin.carebook.test', password: 'admin-password-1' };
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

type LogEntry = LogQuery['adminActionLog']['edges'][number]['node'];

function doctorInput(overrides: Record<string, unknown> = {}) {
  const suffix = randomUUID().slice(0, 8);
  return {
    email: `dr-${suffix}@admin.carebook.test`,
    password: 'doctor-password-1',
    name: `Dr. Jones ${suffix}`,
    specialty: 'Cardiology',
    licenseNumber: `MD-${suffix}`,
    phone: '+49 30 1234567',
    bio: 'Twenty years of cardiology.',
    location: 'Room 2',
    ...overrides,
  };
}

/** Succeeds or fails the test with the errors the service gave. */
function ok<T>(response: GraphqlResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

describe('admin subgraph driving the real auth and doctor services', () => {
  const base = testPortBase();
  const authUrl = `http://127.0.0.1:${base + 1}`;
  const doctorUrl = `http://127.0.0.1:${base + 3}`;
  const databases = {
    auth: freshDatabaseUrl('auth'),
    doctor: freshDatabaseUrl('doctor'),
    admin: freshDatabaseUrl('admin'),
  };
  const shared = {
    NODE_ENV: 'test',
    REDIS_PREFIX: `test-admin-${base}-${Date.now()}`,
    AUTH_URL: authUrl,
    DOCTOR_URL: doctorUrl,
    AUTH_JWKS_URL: `${authUrl}/.well-known/jwks.json`,
  };
  const configWithKeys = (keys: string) =>
    loadAdminConfig({
      ...process.env,
      ...shared,
      LOG_LEVEL: 'silent',
      ADMIN_PORT: '0',
      ADMIN_DB_URL: databases.admin,
      DATA_ENCRYPTION_KEYS: keys,
    });
  const adminConfig = configWithKeys(k1);
  let auth: SpawnedService | undefined;
  let doctor: SpawnedService | undefined;
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;
  let url: string;
  let adminToken: string;
  let adminId: string;
  /** What the log must show, oldest first, as the tests below perform it. */
  const performed: Array<{ action: string; targetId: string }> = [];
  const people: Record<'doctor' | 'leaver' | 'patient', { id: string; email: string; password: string }> = {} as never;
  let serviceId: string;

  beforeAll(async () => {
    auth = await spawnService('auth', base + 1, {
      ...shared,
      AUTH_DB_URL: databases.auth,
      AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'carebook-admin-test-')), 'auth-key.json'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    doctor = await spawnService('doctor', base + 3, { ...shared, DOCTOR_DB_URL: databases.doctor });
    admin = await startAdmin(adminConfig);
    url = admin.url;
    const session = await login(ADMIN.email, ADMIN.password);
    adminToken = session.accessToken;
    adminId = session.user.id;
  }, 90_000);

  afterAll(async () => {
    await admin?.stop();
    await Promise.all([auth?.stop(), doctor?.stop()]);
    await Promise.all(Object.values(databases).map((databaseUrl) => dropDatabase(databaseUrl)));
  });

  async function login(email: string, password: string) {
    return ok(await postAsGateway('auth', authUrl, LoginDocument, { email, password })).login;
  }

  async function allLogEntries(token = adminToken): Promise<LogEntry[]> {
    return ok(await postAsGateway('admin', url, LogDocument, { first: 100 }, token)).adminActionLog.edges.map(
      (edge: { node: LogEntry }) => edge.node,
    );
  }

  async function usersNamed(email: string) {
    return ok(await postAsGateway('auth', authUrl, UsersDocument, { search: email }, adminToken)).users.edges.map(
      (edge: { node: unknown }) => edge.node,
    );
  }

  /** Rows in auth's store for an email, provisioned or not: proves a refused doctor left nothing behind. */
  async function authRows(email: string, provisionedOnly = false): Promise<number> {
    const connection = await createConnection({ uri: databases.auth });
    try {
      const [rows] = await connection.query(
        `select count(*) as n from users where email = ?${provisionedOnly ? ' and provisioned = 1' : ''}`,
        [email],
      );
      return Number((rows as Array<{ n: number }>)[0].n);
    } finally {
      await connection.end();
    }
  }

  async function doctorCount(): Promise<number> {
    return ok(await postAsGateway('doctor', doctorUrl, DoctorsDocument)).doctors.length;
  }

  async function expectRefusedLogin(email: string, password: string, message?: RegExp) {
    const response = await postAsGateway('auth', authUrl, LoginDocument, { email, password });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    if (message) expect(response.errors![0].message).toMatch(message);
  }

  it('adds a medical service to the doctor catalogue and logs it', async () => {
    const input: MedicalServiceInput = {
      name: 'General checkup',
      category: 'GENERAL_CHECKUP',
      durationMinutes: 30,
      price: '35',
      currency: 'EUR',
      description: 'A yearly check.',
    };
    serviceId = ok(await postAsGateway('admin', url, CreateServiceDocument, { input }, adminToken)).createMedicalService
      .id;
    performed.push({ action: 'CREATE_MEDICAL_SERVICE', targetId: serviceId });

    const catalogue = ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices;
    expect(catalogue).toEqual([
      {
        id: serviceId,
        name: 'General checkup',
        category: 'GENERAL_CHECKUP',
        durationMinutes: 30,
        price: '35.00',
        currency: 'EUR',
      },
    ]);

    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({
      action: 'CREATE_MEDICAL_SERVICE',
      targetId: serviceId,
      adminId,
      admin: { id: adminId },
    });
    expect(JSON.parse(latest.details)).toMatchObject({
      name: 'General checkup',
      category: 'GENERAL_CHECKUP',
      price: '35.00',
      currency: 'EUR',
    });
  });

  it("sets a service's own booking rules in the doctor service and logs them; refused rules change and log nothing", async () => {
    const policy = { minNoticeMinutes: 0, cancellationWindowMinutes: 2880 };
    expect(
      ok(await postAsGateway('admin', url, SetPolicyDocument, { serviceId, policy }, adminToken)).setBookingPolicy,
    ).toEqual({ id: serviceId });
    performed.push({ action: 'SET_BOOKING_POLICY', targetId: serviceId });
    const applied = ok(await postAsGateway('doctor', doctorUrl, PolicyDocument, { id: serviceId })).medicalService
      .bookingPolicy;
    expect(applied).toEqual({
      minNoticeMinutes: 0,
      horizonMinutes: 90 * 1440,
      cancellationWindowMinutes: 2880,
      ownRules: ['MIN_NOTICE', 'CANCELLATION_WINDOW'],
    });
    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({ action: 'SET_BOOKING_POLICY', targetId: serviceId, adminId });
    expect(JSON.parse(latest.details)).toEqual({
      minNoticeMinutes: 0,
      horizonMinutes: null,
      cancellationWindowMinutes: 2880,
    });

    const logged = (await allLogEntries()).length;
    for (const [variables, code, message] of [
      [{ serviceId, policy: { horizonMinutes: 10 } }, 'BAD_USER_INPUT', /horizonMinutes must be 60 to 1051200/],
      [
        { serviceId, policy: { minNoticeMinutes: 40_000, horizonMinutes: 30_000 } },
        'BAD_USER_INPUT',
        /must be longer than the minimum notice/,
      ],
      [{ serviceId: randomUUID(), policy: {} }, 'NOT_FOUND', /Medical service/],
    ] as const) {
      const refused = await postAsGateway('admin', url, SetPolicyDocument, variables, adminToken);
      expect(errorCode(refused)).toBe(code);
      expect(refused.errors![0].message).toMatch(message);
    }
    expect(
      ok(await postAsGateway('doctor', doctorUrl, PolicyDocument, { id: serviceId })).medicalService.bookingPolicy,
    ).toEqual(applied);
    expect((await allLogEntries()).length).toBe(logged);
  });

  it('creates a doctor who exists in the doctor service with their services and can sign in', async () => {
    const input = doctorInput({ serviceIds: [serviceId] });
    const id = ok(await postAsGateway('admin', url, CreateDoctorDocument, { input }, adminToken)).createDoctor.id;
    performed.push({ action: 'CREATE_DOCTOR', targetId: id });
    people.doctor = { id, email: input.email, password: input.password };

    const profile = ok(await postAsGateway('doctor', doctorUrl, DoctorDocument, { id })).doctor;
    expect(profile).toEqual({
      id,
      name: input.name,
      specialty: 'Cardiology',
      location: 'Room 2',
      services: [{ id: serviceId }],
    });

    const session = await login(input.email, input.password);
    expect(session.user).toMatchObject({ id, role: Role.DOCTOR });

    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({ action: 'CREATE_DOCTOR', targetId: id, adminId });
    expect(JSON.parse(latest.details)).toMatchObject({
      name: input.name,
      specialty: 'Cardiology',
      serviceIds: [serviceId],
    });
    for (const secret of [input.password, input.email, input.phone, input.licenseNumber])
      expect(latest.details).not.toContain(secret);
  });

  it('refuses a doctor offering an unknown service with BAD_USER_INPUT and leaves no account behind', async () => {
    const before = { log: (await allLogEntries()).length, doctors: await doctorCount() };
    const input = doctorInput({ serviceIds: [serviceId, randomUUID()] });

    const response = await postAsGateway('admin', url, CreateDoctorDocument, { input }, adminToken);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/serviceIds/);

    await expectRefusedLogin(input.email, input.password);
    expect(await usersNamed(input.email)).toEqual([]);
    expect(await authRows(input.email)).toBe(0);
    expect({ log: (await allLogEntries()).length, doctors: await doctorCount() }).toEqual(before);
  });

  it('refuses a second doctor with a licence already registered with CONFLICT and leaves no account behind', async () => {
    const before = { log: (await allLogEntries()).length, doctors: await doctorCount() };
    const first = doctorInput();
    const id = ok(await postAsGateway('admin', url, CreateDoctorDocument, { input: first }, adminToken)).createDoctor
      .id;
    performed.push({ action: 'CREATE_DOCTOR', targetId: id });
    people.leaver = { id, email: first.email, password: first.password };

    const copy = doctorInput({ licenseNumber: first.licenseNumber });
    const response = await postAsGateway('admin', url, CreateDoctorDocument, { input: copy }, adminToken);
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0].message).toMatch(/Licence number/);

    await expectRefusedLogin(copy.email, copy.password);
    expect(await authRows(copy.email)).toBe(0);
    expect({ log: (await allLogEntries()).length, doctors: await doctorCount() }).toEqual({
      log: before.log + 1,
      doctors: before.doctors + 1,
    });
  });

  it('refuses an email that already has an account with CONFLICT and changes nothing', async () => {
    const before = { log: (await allLogEntries()).length, doctors: await doctorCount() };
    const response = await postAsGateway(
      'admin',
      url,
      CreateDoctorDocument,
      { input: doctorInput({ email: people.doctor.email.toUpperCase() }) },
      adminToken,
    );
    expect(errorCode(response)).toBe('CONFLICT');
    expect({ log: (await allLogEntries()).length, doctors: await doctorCount() }).toEqual(before);
    // The existing doctor keeps their password.
    await login(people.doctor.email, people.doctor.password);
  });

  /** Polls this subgraph until it refuses the token as not signed in (revoked), as every subgraph must within 5 s. */
  async function untilRefusedHere(token: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await postAsGateway('admin', url, LogDocument, { first: 1 }, token);
      if (errorCode(response) === 'UNAUTHENTICATED') return;
      if (Date.now() > deadline)
        throw new Error(
          `the admin subgraph still took the token after ${timeoutMs} ms: ${JSON.stringify(response.errors)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('deactivates a user, who can then no longer sign in, and logs the reason', async () => {
    const { accessToken } = await login(people.leaver.email, people.leaver.password);
    // Before: a doctor is signed in here, just not allowed to read the log.
    expect(errorCode(await postAsGateway('admin', url, LogDocument, { first: 1 }, accessToken))).toBe('FORBIDDEN');
    const deactivated = ok(
      await postAsGateway(
        'admin',
        url,
        DeactivateDocument,
        { userId: people.leaver.id, reason: '  Left the clinic in March  ' },
        adminToken,
      ),
    );
    expect(deactivated.deactivateUser).toEqual({ id: people.leaver.id });
    performed.push({ action: 'DEACTIVATE_USER', targetId: people.leaver.id });

    await expectRefusedLogin(people.leaver.email, people.leaver.password, /deactivated/);
    // The token they held is refused too, by this subgraph as by every other.
    await untilRefusedHere(accessToken);
    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({ action: 'DEACTIVATE_USER', targetId: people.leaver.id, adminId });
    // The leaver is a doctor: their profile is deactivated too (out of search, no new bookings).
    expect(JSON.parse(latest.details)).toEqual({ reason: 'Left the clinic in March', doctorDeactivated: true });
    expect(
      ok(await postAsGateway('doctor', doctorUrl, DoctorsDocument)).doctors.map((d: { id: string }) => d.id),
    ).not.toContain(people.leaver.id);
    expect(
      ok(
        await postAsGateway('doctor', doctorUrl, DoctorActiveDocument, {
          id: people.leaver.id,
        }),
      ).doctor.active,
    ).toBe(false);
  });

  it('passes NOT_FOUND through for an unknown user and stops an admin deactivating themselves, logging neither', async () => {
    const before = (await allLogEntries()).length;
    const unknown = await postAsGateway(
      'admin',
      url,
      DeactivateDocument,
      { userId: randomUUID(), reason: 'No longer works here' },
      adminToken,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');

    for (const userId of [adminId, adminId.toUpperCase()]) {
      const self = await postAsGateway(
        'admin',
        url,
        DeactivateDocument,
        { userId, reason: 'Testing myself' },
        adminToken,
      );
      expect(errorCode(self)).toBe('BAD_USER_INPUT');
      expect(self.errors![0].message).toMatch(/cannot deactivate your own account/);
    }
    await login(ADMIN.email, ADMIN.password);
    expect((await allLogEntries()).length).toBe(before);
  });

  it('changes a role and logs the old and new one; the last admin keeps theirs (CONFLICT, not logged)', async () => {
    const before = (await allLogEntries()).length;
    const lastAdmin = await postAsGateway(
      'admin',
      url,
      SetRoleDocument,
      { userId: adminId, role: 'DOCTOR' },
      adminToken,
    );
    expect(errorCode(lastAdmin)).toBe('CONFLICT');
    expect(lastAdmin.errors![0].message).toMatch(/last active admin/);
    expect((await allLogEntries()).length).toBe(before);

    const input = doctorInput();
    const id = ok(await postAsGateway('admin', url, CreateDoctorDocument, { input }, adminToken)).createDoctor.id;
    performed.push({ action: 'CREATE_DOCTOR', targetId: id });
    people.patient = { id, email: input.email, password: input.password };
    const doctorToken = (await login(input.email, input.password)).accessToken;

    expect(
      ok(await postAsGateway('admin', url, SetRoleDocument, { userId: id, role: 'PATIENT' }, adminToken)).setUserRole,
    ).toEqual({ id });
    performed.push({ action: 'SET_USER_ROLE', targetId: id });

    expect(await usersNamed(input.email)).toEqual([expect.objectContaining({ id, role: 'PATIENT', active: true })]);
    expect((await login(input.email, input.password)).user.role).toBe(Role.PATIENT);
    // The token that still says DoctorDocument is refused.
    await untilRefusedHere(doctorToken);
    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({ action: 'SET_USER_ROLE', targetId: id, adminId });
    expect(JSON.parse(latest.details)).toEqual({ oldRole: 'DOCTOR', newRole: 'PATIENT' });
  });

  it('lets only admins use any admin operation: FORBIDDEN for patients and doctors, UNAUTHENTICATED without a token', async () => {
    const before = {
      log: (await allLogEntries()).length,
      doctors: await doctorCount(),
      services: ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices.length,
    };
    const tokens = {
      PATIENT: (await login(people.patient.email, people.patient.password)).accessToken,
      DOCTOR: (await login(people.doctor.email, people.doctor.password)).accessToken,
    };
    const operations: Array<[string, DocumentNode, Record<string, unknown>]> = [
      ['createDoctor', CreateDoctorDocument, { input: doctorInput() }],
      [
        'createMedicalService',
        CreateServiceDocument,
        { input: { name: 'Flu shot', category: 'VACCINATION', durationMinutes: 10, price: '20.00', currency: 'EUR' } },
      ],
      ['deactivateUser', DeactivateDocument, { userId: people.doctor.id, reason: 'Trying my luck' }],
      ['setUserRole', SetRoleDocument, { userId: people.doctor.id, role: 'ADMIN' }],
      ['setBookingPolicy', SetPolicyDocument, { serviceId, policy: { minNoticeMinutes: 5 } }],
      ['updateMedicalService', UpdateServiceDocument, { id: serviceId, input: { price: '1.00' } }],
      ['retireMedicalService', RetireServiceDocument, { id: serviceId }],
      ['updateDoctor', UpdateDoctorDocument, { id: people.doctor.id, input: { active: false } }],
      ['adminActionLog', LogDocument, {}],
    ];
    for (const [name, document, variables] of operations) {
      for (const [role, token] of Object.entries(tokens)) {
        const response = await postAsGateway<unknown>('admin', url, document, variables, token);
        expect({ name, role, code: errorCode(response) }).toEqual({ name, role, code: 'FORBIDDEN' });
      }
      const anonymous = await postAsGateway<unknown>('admin', url, document, variables);
      expect({ name, code: errorCode(anonymous) }).toEqual({ name, code: 'UNAUTHENTICATED' });
    }

    const services = ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices.length;
    expect({ log: (await allLogEntries()).length, doctors: await doctorCount(), services }).toEqual(before);
    expect((await login(people.doctor.email, people.doctor.password)).user.role).toBe(Role.DOCTOR);
  });

  it('refuses bad input with BAD_USER_INPUT, a message naming the field, and writes nothing anywhere', async () => {
    const before = {
      log: (await allLogEntries()).length,
      doctors: await doctorCount(),
      services: ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices.length,
    };
    const badDoctors: Array<[Record<string, unknown>, RegExp]> = [
      [{ email: 'not-an-email' }, /email/],
      [{ password: 'short' }, /password/],
      [{ name: '' }, /name/],
      [{ specialty: ' X ' }, /specialty/],
      [{ licenseNumber: 'a b' }, /licenseNumber/],
      [{ phone: 'call me maybe' }, /phone/],
      [{ serviceIds: ['not-a-service-id'] }, /serviceIds/],
    ];
    const emails: string[] = [];
    for (const [overrides, field] of badDoctors) {
      const input = doctorInput(overrides);
      emails.push(input.email);
      const response = await postAsGateway('admin', url, CreateDoctorDocument, { input }, adminToken);
      expect({ overrides, code: errorCode(response) }).toEqual({ overrides, code: 'BAD_USER_INPUT' });
      expect(response.errors![0].message).toMatch(field);
    }
    const service = { name: 'Blood test', category: 'LAB_TEST', durationMinutes: 15, price: '12.50', currency: 'EUR' };
    const badServices: Array<[Record<string, unknown>, RegExp]> = [
      [{ price: '-5.00' }, /price/],
      [{ price: '12.345' }, /Decimal/],
      [{ currency: 'eur' }, /currency/],
      [{ currency: 'ABC' }, /currency/],
      [{ durationMinutes: 0 }, /durationMinutes/],
      [{ name: ' ' }, /name/],
      [{ category: 'MASSAGE' }, /ServiceCategory/],
    ];
    for (const [overrides, field] of badServices) {
      const response = await postAsGateway(
        'admin',
        url,
        CreateServiceDocument,
        wrongVariables({ input: { ...service, ...overrides } }),
        adminToken,
      );
      expect({ overrides, code: errorCode(response) }).toEqual({ overrides, code: 'BAD_USER_INPUT' });
      expect(response.errors![0].message).toMatch(field);
    }
    const badOthers: Array<[DocumentNode, Record<string, unknown>, RegExp]> = [
      [DeactivateDocument, { userId: people.doctor.id, reason: 'no' }, /reason must be 3 to 500/],
      [DeactivateDocument, { userId: people.doctor.id, reason: 'x'.repeat(501) }, /reason must be 3 to 500/],
      [DeactivateDocument, { userId: 'doctor-1', reason: 'Left the clinic' }, /userId must be a user id/],
      [SetRoleDocument, { userId: 'doctor-1', role: 'ADMIN' }, /userId must be a user id/],
      [SetRoleDocument, { userId: people.doctor.id, role: 'SUPERUSER' }, /Role/],
      [LogDocument, { first: 0 }, /"first" must be between 1 and 100/],
      [LogDocument, { after: 'garbage' }, /cursor/],
    ];
    for (const [document, variables, message] of badOthers) {
      const response = await postAsGateway<unknown>('admin', url, document, variables, adminToken);
      expect({ variables, code: errorCode(response) }).toEqual({ variables, code: 'BAD_USER_INPUT' });
      expect(response.errors![0].message).toMatch(message);
    }

    const services = ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices.length;
    expect({ log: (await allLogEntries()).length, doctors: await doctorCount(), services }).toEqual(before);
    for (const email of emails) expect(await authRows(email)).toBe(0);
    expect((await login(people.doctor.email, people.doctor.password)).user.role).toBe(Role.DOCTOR);
  });

  it('changes and retires a medical service and changes a doctor in the doctor service, logging each without contact details', async () => {
    const input: MedicalServiceInput = {
      name: 'Physio session',
      category: 'FOLLOW_UP',
      durationMinutes: 30,
      price: '45.00',
      currency: 'EUR',
    };
    const physio = ok(await postAsGateway('admin', url, CreateServiceDocument, { input }, adminToken))
      .createMedicalService.id;
    performed.push({ action: 'CREATE_MEDICAL_SERVICE', targetId: physio });
    expect(
      ok(
        await postAsGateway(
          'admin',
          url,
          UpdateServiceDocument,
          { id: physio, input: { price: '50.00', description: 'Forty minutes' } },
          adminToken,
        ),
      ).updateMedicalService,
    ).toEqual({ id: physio });
    performed.push({ action: 'UPDATE_MEDICAL_SERVICE', targetId: physio });
    expect(ok(await postAsGateway('doctor', doctorUrl, MedicalServiceDocument, { id: physio })).medicalService).toEqual(
      {
        name: 'Physio session',
        price: '50.00',
        description: 'Forty minutes',
        active: true,
      },
    );
    expect(JSON.parse((await allLogEntries())[0].details)).toEqual({
      fields: ['price', 'description'],
      price: '50.00',
    });

    expect(
      ok(await postAsGateway('admin', url, RetireServiceDocument, { id: physio }, adminToken)).retireMedicalService,
    ).toEqual({ id: physio });
    performed.push({ action: 'RETIRE_MEDICAL_SERVICE', targetId: physio });
    expect(
      ok(await postAsGateway('doctor', doctorUrl, MedicalServiceDocument, { id: physio })).medicalService.active,
    ).toBe(false);
    expect(
      ok(await postAsGateway('doctor', doctorUrl, MedicalServicesDocument)).medicalServices.map(
        (s: { id: string }) => s.id,
      ),
    ).not.toContain(physio);

    const doctorId = people.doctor.id;
    expect(
      ok(
        await postAsGateway(
          'admin',
          url,
          UpdateDoctorDocument,
          { id: doctorId, input: { location: 'Room 7', phone: '+49 30 7777777' } },
          adminToken,
        ),
      ).updateDoctor,
    ).toEqual({ id: doctorId });
    performed.push({ action: 'UPDATE_DOCTOR', targetId: doctorId });
    expect(ok(await postAsGateway('doctor', doctorUrl, DoctorDocument, { id: doctorId })).doctor).toMatchObject({
      location: 'Room 7',
    });
    const [latest] = await allLogEntries();
    expect(latest).toMatchObject({ action: 'UPDATE_DOCTOR', targetId: doctorId, adminId });
    expect(JSON.parse(latest.details)).toEqual({ fields: ['phone', 'location'], active: true });

    const logged = (await allLogEntries()).length;
    const refusals: Array<[DocumentNode, Record<string, unknown>, string, RegExp]> = [
      [UpdateServiceDocument, { id: physio, input: { price: '-3.00' } }, 'BAD_USER_INPUT', /price/],
      [UpdateServiceDocument, { id: physio, input: { name: 'General checkup' } }, 'CONFLICT', /already exists/],
      [UpdateServiceDocument, { id: randomUUID(), input: { price: '3.00' } }, 'NOT_FOUND', /Medical service/],
      [RetireServiceDocument, { id: randomUUID() }, 'NOT_FOUND', /Medical service/],
      [UpdateDoctorDocument, { id: doctorId, input: { phone: 'call me' } }, 'BAD_USER_INPUT', /phone/],
      [UpdateDoctorDocument, { id: doctorId, input: { serviceIds: [physio] } }, 'BAD_USER_INPUT', /serviceIds/],
      [UpdateDoctorDocument, { id: randomUUID(), input: { bio: 'x' } }, 'NOT_FOUND', /Doctor/],
    ];
    for (const [document, variables, code, message] of refusals) {
      const refused = await postAsGateway<unknown>('admin', url, document, variables, adminToken);
      expect({ variables, code: errorCode(refused) }).toEqual({ variables, code });
      expect(refused.errors![0].message).toMatch(message);
    }
    expect((await allLogEntries()).length).toBe(logged);
    expect(ok(await postAsGateway('doctor', doctorUrl, DoctorDocument, { id: doctorId })).doctor).toMatchObject({
      location: 'Room 7',
      services: [{ id: serviceId }],
    });
  });

  it('logs the admin actions other services record in their outboxes, once each, withholding sensitive details and dropping malformed events', async () => {
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const connection = { host: redis.hostname, port: Number(redis.port || 6379) };
    const queue = new Queue('admin-log', { connection, prefix: shared.REDIS_PREFIX });
    /** Queues the event as the outbox relay does, and waits until the admin service has handled the job. */
    const delivered = async (event: DomainEvent) => {
      const job = await queue.add(event.type, event, { ...EVENT_JOB_OPTIONS, jobId: `test-${randomUUID()}` });
      await untilJobCompleted(job);
    };
    const action = (facts: Record<string, unknown>) =>
      createEvent('scheduling', 'ADMIN_ACTION_TAKEN', { type: 'AdminAction', id: adminId }, facts as never);
    try {
      const weekly = action({
        adminId,
        action: 'SET_WEEKLY_AVAILABILITY',
        targetId: people.doctor.id,
        details: { rules: 5 },
      });
      await delivered(weekly);
      performed.push({ action: 'SET_WEEKLY_AVAILABILITY', targetId: people.doctor.id });
      const [latest] = await allLogEntries();
      expect(latest).toMatchObject({
        action: 'SET_WEEKLY_AVAILABILITY',
        targetId: people.doctor.id,
        adminId,
        admin: { id: adminId },
      });
      expect(JSON.parse(latest.details)).toEqual({ rules: 5 });
      // A redelivery of the same event (the relay retried after a crash) adds nothing.
      const before = (await allLogEntries()).length;
      await delivered(weekly);
      expect((await allLogEntries()).length).toBe(before);

      await delivered(
        action({ adminId, action: 'ADD_TIME_OFF', targetId: people.doctor.id, details: { patientPhone: '+49 30 1' } }),
      );
      performed.push({ action: 'ADD_TIME_OFF', targetId: people.doctor.id });
      const [withheld] = await allLogEntries();
      expect(withheld).toMatchObject({ action: 'ADD_TIME_OFF', targetId: people.doctor.id });
      expect(withheld.details).not.toContain('+49');
      expect(JSON.parse(withheld.details)).toEqual({ withheld: stringMatching(/patientPhone/) });

      // Not from our outboxes: a bad admin id, action name or target, or another event type in the queue.
      await delivered(action({ adminId: 'someone', action: 'lower case', targetId: '' }));
      await delivered(createEvent('scheduling', 'FEEDBACK_REQUESTED', { type: 'X', id: adminId }, {} as never));
      expect((await allLogEntries()).length).toBe(before + 1);
    } finally {
      await queue.close();
    }
  });

  it("refuses GraphQL sent straight to the admin port without the gateway's caller token, even with an admin's access token", async () => {
    const raw = await postGraphql(url, LogDocument, { first: 1 }, adminToken);
    expect(raw.status).toBe(401);
    expect(errorCode(raw)).toBe('UNAUTHENTICATED');
    expect(raw.data).toBeUndefined();
  });

  it('reads the whole log in pages, newest first, each entry carrying the acting admin', async () => {
    const seen: LogEntry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: LogQuery['adminActionLog'] = ok(
        await postAsGateway('admin', url, LogDocument, { first: 2, after }, adminToken),
      ).adminActionLog;
      pages += 1;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((edge: { node: LogEntry }) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(performed.length / 2));
    expect(seen.map(({ action, targetId }) => ({ action, targetId }))).toEqual([...performed].reverse());
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(seen.length);
    for (const entry of seen) expect(entry).toMatchObject({ adminId, admin: { id: adminId } });
    const instants = seen.map((entry) => Date.parse(entry.createdAt));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
  });

  /** Rows of the admin action log as stored (its columns are text). */
  async function logRows(sql: string, params: unknown[] = []): Promise<Array<Record<string, string>>> {
    const connection = await createConnection({ uri: databases.admin });
    try {
      return (await connection.query(sql, params))[0] as Array<Record<string, string>>;
    } finally {
      await connection.end();
    }
  }

  it('keeps the details of every entry only sealed, bound to the entry; the log answers them as written, a copied one does not open', async () => {
    const stored = await logRows('select id, action, details from admin_action_logs');
    expect(stored.length).toBe(performed.length);
    for (const row of stored) expect(row.details).toMatch(/^v2:k1:/);
    expect(JSON.stringify(stored)).not.toContain('Left the clinic');
    const deactivation = stored.find((row) => row.action === 'DEACTIVATE_USER')!;
    expect(
      JSON.parse(createFieldSealer(parseKeyRing(k1)).open(SEALED.details, deactivation.id, deactivation.details)),
    ).toEqual({ reason: 'Left the clinic in March', doctorDeactivated: true });

    const other = stored.find((row) => row.id !== deactivation.id)!;
    await logRows('update admin_action_logs set details = ? where id = ?', [deactivation.details, other.id]);
    try {
      const read = await postAsGateway('admin', url, LogDocument, { first: 100 }, adminToken);
      expect(errorCode(read)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(read)).not.toContain('Left the clinic');
    } finally {
      await logRows('update admin_action_logs set details = ? where id = ?', [other.details, other.id]);
    }
    expect(await allLogEntries()).toHaveLength(performed.length);
  });

  it('reads details stored before sealing as they were; `rotate-keys` re-seals every entry under k2, after which k2 alone reads the log', async () => {
    const legacyId = randomUUID();
    await logRows(
      "insert into admin_action_logs (id, admin_id, action, target_id, details, created_at) values (?, ?, 'DEACTIVATE_USER', ?, ?, now(3) - interval 1 day)",
      [legacyId, adminId, randomUUID(), '{"reason":"Written before sealing"}'],
    );
    const before = await allLogEntries();
    expect(JSON.parse(before.find((entry) => entry.id === legacyId)!.details)).toEqual({
      reason: 'Written before sealing',
    });

    // As operators rotate: k2 made active on the running service first, then the command.
    await admin!.stop();
    admin = await startAdmin(configWithKeys(`${k1},${k2}`));
    url = admin.url;
    const rotation = await runKeyRotationCommand(
      'admin',
      { ...shared, ADMIN_DB_URL: databases.admin, DATA_ENCRYPTION_KEYS: `${k1},${k2}` },
      ['--batch-size', '4'],
    );
    expect(rotation.output).toMatch(
      /\[admin\] admin_action_logs: \d+ rows, \d+ re-sealed, 0 already current, 0 changed meanwhile, 0 unreadable; done/,
    );
    expect(rotation.code).toBe(0);
    for (const row of await logRows('select details from admin_action_logs')) expect(row.details).toMatch(/^v2:k2:/);

    const onlyK2 = await startAdmin(configWithKeys(k2));
    try {
      const after = ok(
        await postAsGateway('admin', onlyK2.url, LogDocument, { first: 100 }, adminToken),
      ).adminActionLog.edges.map((edge: { node: LogEntry }) => edge.node);
      expect(after).toEqual(before);
    } finally {
      await onlyK2.stop();
    }
    await logRows('delete from admin_action_logs where id = ?', [legacyId]);
  });

  it('fails createDoctor with INTERNAL_SERVER_ERROR naming the doctor service when it is down, leaving no usable account and no log entry', async () => {
    await doctor!.stop();
    const before = (await allLogEntries()).length;
    const input = doctorInput();

    const response = await postAsGateway('admin', url, CreateDoctorDocument, { input }, adminToken);
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expect(response.errors![0].message).toMatch(/doctor service is not reachable/);

    await expectRefusedLogin(input.email, input.password);
    expect(await usersNamed(input.email)).toEqual([]);
    // Auth could not ask the doctor service to clean up, so an unconfirmed user may wait for its reconciler; it is never usable.
    expect(await authRows(input.email, true)).toBe(0);
    expect((await allLogEntries()).length).toBe(before);
  });
});
