import {
  CALLER_HEADER,
  createLogger,
  directoryAnnouncer,
  listenForDirectoryChanges,
  Role,
  RouteErrorBody,
  ServiceClient,
} from '@carebook/platform';
import {
  anyString,
  callerToken,
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  GraphqlResponse,
  postAsGateway,
  postGraphql,
  serviceClientAs,
  startTestIssuer,
  stringMatching,
  TestIssuer,
  wrongVariables,
} from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { startDoctor } from '../src/app';
import { loadDoctorConfig } from '../src/config';
import { publicListings } from '../src/store/public-listings';
import {
  DoctorAndServiceEntitiesDocument,
  DoctorAndServiceEntitiesQuery,
  DoctorDocument,
  DoctorListingDocument,
  DoctorPrivateDocument,
  DoctorProfileDocument,
  DoctorsDocument,
  MedicalServiceEditableDocument,
  MedicalServiceNameDocument,
  MedicalServicePolicyDocument,
  MedicalServicesDocument,
  MedicalServiceTextDocument,
  UpdateMyDoctorProfileDocument,
} from './generated/operations';

interface Refusal {
  code?: string;
  message: string;
}

/** What a refused internal call reports (the client rethrows the callee's code). */
async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  throw new Error('expected the call to be refused');
}

describe('doctor subgraph against MariaDB', () => {
  const databaseUrl = freshDatabaseUrl('doctor');
  let issuer: TestIssuer;
  let doctorService: Awaited<ReturnType<typeof startDoctor>>;
  let url: string;
  /** The internal routes' real callers: admin provisions doctors and services, auth discards a half-made doctor. */
  let asAdmin: ServiceClient;
  let asAuth: ServiceClient;

  const ada = {
    id: randomUUID(),
    name: 'Ada Byron',
    specialty: 'Cardiology',
    licenseNumber: 'MD-1001',
    phone: '+49 30 1111111',
    bio: 'Hearts.',
    location: 'Room 1',
  };
  const bob = { id: randomUUID(), name: 'Bob Stone', specialty: 'Dermatology', licenseNumber: 'MD-1002' };
  const cleo = { id: randomUUID(), name: 'Cleo Park', specialty: 'cardiology', licenseNumber: 'MD-1003' };
  const catalogue: Record<string, { id: string; name: string; price: string }> = {};
  const prefix = `test-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const config = loadDoctorConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DOCTOR_PORT: '0',
      REDIS_PREFIX: prefix,
      DOCTOR_DB_URL: databaseUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
    });
    doctorService = await startDoctor(config);
    url = doctorService.url;
    asAdmin = serviceClientAs('admin', { DOCTOR_URL: url });
    asAuth = serviceClientAs('auth', { DOCTOR_URL: url });

    for (const draft of [
      {
        key: 'checkup',
        name: 'General check-up',
        category: 'GENERAL_CHECKUP',
        durationMinutes: 30,
        price: '35.00',
        currency: 'EUR',
      },
      {
        key: 'cardio',
        name: 'Cardiology consultation',
        category: 'SPECIALIST_CONSULTATION',
        durationMinutes: 45,
        price: '80.5',
        currency: 'EUR',
        description: 'ECG included',
      },
      {
        key: 'flu',
        name: 'Flu vaccination',
        category: 'VACCINATION',
        durationMinutes: 15,
        price: '20',
        currency: 'EUR',
      },
    ]) {
      const { key, ...body } = draft;
      catalogue[key] = await asAdmin.call('doctor', 'create-medical-service', body);
    }
    await asAdmin.call('doctor', 'provision-doctor', {
      ...ada,
      serviceIds: [catalogue.cardio.id, catalogue.checkup.id],
    });
    await asAdmin.call('doctor', 'provision-doctor', { ...bob, serviceIds: [catalogue.checkup.id] });
    await asAdmin.call('doctor', 'provision-doctor', cleo);
  });

  afterAll(async () => {
    await doctorService?.stop();
    await issuer?.stop();
    await dropDatabase(databaseUrl);
  });

  async function count(table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [rows] = await connection.query(`select count(*) as n from \`${table}\` where ${where}`, params);
      return Number((rows as Array<{ n: number }>)[0].n);
    } finally {
      await connection.end();
    }
  }

  /** Runs `work` and returns the SQL statements the service issued meanwhile (MikroORM's onQuery hook). */
  async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
    const statements: string[] = [];
    doctorService.orm.config.set('onQuery', (sql: string) => {
      statements.push(sql);
      return sql;
    });
    try {
      await work();
    } finally {
      doctorService.orm.config.set('onQuery', (sql: string) => sql);
    }
    return statements;
  }

  describe('the catalogue', () => {
    it('returns the created service with its price as an exact two-decimal string', async () => {
      expect(catalogue.checkup).toEqual({
        id: anyString(),
        name: 'General check-up',
        category: 'GENERAL_CHECKUP',
        durationMinutes: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        price: '35.00',
        currency: 'EUR',
      });
      expect(catalogue.cardio.price).toBe('80.50');
      expect(await count('medical_services', 'price = ?', ['80.50'])).toBe(1);
    });

    it('lists active services by name to anyone, optionally by category', async () => {
      const all = await postAsGateway('doctor', url, MedicalServicesDocument);
      expect(all.errors).toBeUndefined();
      expect(all.data!.medicalServices.map((s: { name: string }) => s.name)).toEqual([
        'Cardiology consultation',
        'Flu vaccination',
        'General check-up',
      ]);
      expect(all.data!.medicalServices[2]).toEqual({ ...catalogue.checkup, price: '35.00' });

      const vaccinations = await postAsGateway('doctor', url, MedicalServicesDocument, { category: 'VACCINATION' });
      expect(vaccinations.data!.medicalServices).toEqual([{ ...catalogue.flu, price: '20.00' }]);
      const wrongCategory = await postAsGateway(
        'doctor',
        url,
        MedicalServicesDocument,
        wrongVariables({ category: 'SURGERY' }),
      );
      expect(errorCode(wrongCategory)).toBe('BAD_USER_INPUT');
    });

    it('answers medicalService(id), and NOT_FOUND for an unknown id', async () => {
      const found = await postAsGateway('doctor', url, MedicalServiceTextDocument, { id: catalogue.cardio.id });
      expect(found.data!.medicalService).toEqual({
        name: 'Cardiology consultation',
        price: '80.50',
        description: 'ECG included',
      });
      const missing = await postAsGateway('doctor', url, MedicalServiceNameDocument, {
        id: randomUUID(),
      });
      expect(errorCode(missing)).toBe('NOT_FOUND');
    });

    it('refuses bad services with BAD_USER_INPUT naming the field, and writes nothing', async () => {
      const before = await count('medical_services');
      const valid = { name: 'Blood panel', category: 'LAB_TEST', durationMinutes: 10, price: '12.00', currency: 'EUR' };
      for (const [change, field] of [
        [{ name: 'X' }, 'name'],
        [{ category: 'SURGERY' }, 'category'],
        [{ durationMinutes: 481 }, 'durationMinutes'],
        [{ price: '-1.00' }, 'price'],
        [{ price: '12.345' }, 'price'],
        [{ price: 12 }, 'price'],
        [{ currency: 'eur' }, 'currency'],
        [{ currency: 'XYZ' }, 'currency'],
      ] as const) {
        const refused = await refusal(asAdmin.call('doctor', 'create-medical-service', { ...valid, ...change }));
        expect(refused.code).toBe('BAD_USER_INPUT');
        expect(refused.message.startsWith(`${field}: `)).toBe(true);
      }
      expect(await count('medical_services')).toBe(before);
    });

    it('refuses a second service of the same name, whatever its case, with CONFLICT', async () => {
      const refused = await refusal(
        asAdmin.call('doctor', 'create-medical-service', {
          name: 'general CHECK-UP',
          category: 'GENERAL_CHECKUP',
          durationMinutes: 20,
          price: '1.00',
          currency: 'EUR',
        }),
      );
      expect(refused.code).toBe('CONFLICT');
      expect(await count('medical_services', 'name = ?', ['General check-up'])).toBe(1);
    });
  });

  describe('the public doctor list', () => {
    const names = (response: { data?: { doctors: Array<{ name: string }> } }) =>
      response.data!.doctors.map((d) => d.name);

    it('lists active doctors by name with their services to anonymous callers', async () => {
      const response = await postAsGateway('doctor', url, DoctorsDocument);
      expect(response.errors).toBeUndefined();
      expect(names(response)).toEqual(['Ada Byron', 'Bob Stone', 'Cleo Park']);
      expect(response.data!.doctors[0]).toEqual({
        id: ada.id,
        name: 'Ada Byron',
        specialty: 'Cardiology',
        bio: 'Hearts.',
        location: 'Room 1',
        services: [
          { id: catalogue.cardio.id, name: 'Cardiology consultation' },
          { id: catalogue.checkup.id, name: 'General check-up' },
        ],
      });
      expect(response.data!.doctors[2].services).toEqual([]);
    });

    it('filters by specialty in any case and by a service offered', async () => {
      expect(names(await postAsGateway('doctor', url, DoctorsDocument, { specialty: 'CARDIOLOGY' }))).toEqual([
        'Ada Byron',
        'Cleo Park',
      ]);
      expect(names(await postAsGateway('doctor', url, DoctorsDocument, { specialty: ' dermatology ' }))).toEqual([
        'Bob Stone',
      ]);
      expect(names(await postAsGateway('doctor', url, DoctorsDocument, { serviceId: catalogue.checkup.id }))).toEqual([
        'Ada Byron',
        'Bob Stone',
      ]);
      expect(
        names(
          await postAsGateway('doctor', url, DoctorsDocument, {
            specialty: 'cardiology',
            serviceId: catalogue.checkup.id,
          }),
        ),
      ).toEqual(['Ada Byron']);
      expect(names(await postAsGateway('doctor', url, DoctorsDocument, { serviceId: catalogue.flu.id }))).toEqual([]);
      expect(names(await postAsGateway('doctor', url, DoctorsDocument, { specialty: 'Neurology' }))).toEqual([]);
    });

    it('answers doctor(id) with services and prices, and NOT_FOUND for an unknown id', async () => {
      const found = await postAsGateway('doctor', url, DoctorDocument, { id: ada.id });
      expect(found.data!.doctor).toEqual({
        id: ada.id,
        name: 'Ada Byron',
        specialty: 'Cardiology',
        services: [
          { id: catalogue.cardio.id, name: 'Cardiology consultation', price: '80.50' },
          { id: catalogue.checkup.id, name: 'General check-up', price: '35.00' },
        ],
      });
      const missing = await postAsGateway('doctor', url, DoctorDocument, { id: randomUUID() });
      expect(errorCode(missing)).toBe('NOT_FOUND');
      expect(missing.data?.doctor).toBeUndefined();
    });
  });

  describe("a doctor's licence number and phone", () => {
    it('are visible to admins and to the doctor themselves', async () => {
      for (const token of [
        await issuer.mint({ role: Role.ADMIN }),
        await issuer.mint({ role: Role.DOCTOR, sub: ada.id }),
      ]) {
        const response = await postAsGateway('doctor', url, DoctorPrivateDocument, { id: ada.id }, token);
        expect(response.errors).toBeUndefined();
        expect(response.data!.doctor).toEqual({
          id: ada.id,
          name: 'Ada Byron',
          licenseNumber: 'MD-1001',
          phone: '+49 30 1111111',
        });
      }
    });

    it('are hidden from patients, other doctors and anonymous callers, who still get the public profile', async () => {
      const cases: Array<[string | undefined, string]> = [
        [undefined, 'UNAUTHENTICATED'],
        [await issuer.mint({ role: Role.PATIENT }), 'FORBIDDEN'],
        [await issuer.mint({ role: Role.PATIENT, sub: ada.id }), 'FORBIDDEN'],
        [await issuer.mint({ role: Role.DOCTOR, sub: bob.id }), 'FORBIDDEN'],
      ];
      for (const [token, code] of cases) {
        const response = await postAsGateway('doctor', url, DoctorPrivateDocument, { id: ada.id }, token);
        expect(response.data!.doctor).toEqual({ id: ada.id, name: 'Ada Byron', licenseNumber: null, phone: null });
        expect(response.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
          [['doctor', 'licenseNumber'], code],
          [['doctor', 'phone'], code],
        ]);
        expect(JSON.stringify(response)).not.toContain('MD-1001');
      }
    });
  });

  describe('provisioning', () => {
    const fresh = () => ({
      id: randomUUID(),
      name: 'Dora Quinn',
      specialty: 'Neurology',
      licenseNumber: `NE-${Date.now()}`,
    });

    it('refuses bad profiles with BAD_USER_INPUT naming the field, and writes nothing', async () => {
      const [doctorsBefore, linksBefore] = [await count('doctors'), await count('doctor_services')];
      const unknownService = randomUUID();
      for (const [change, field] of [
        [{ id: 'not-a-uuid' }, 'id'],
        [{ name: '' }, 'name'],
        [{ specialty: 'N' }, 'specialty'],
        [{ licenseNumber: 'NE 12' }, 'licenseNumber'],
        [{ phone: 'call me' }, 'phone'],
        [{ bio: 'x'.repeat(2001) }, 'bio'],
        [{ location: 'x'.repeat(201) }, 'location'],
        [{ serviceIds: [catalogue.checkup.id, unknownService] }, 'serviceIds'],
      ] as const) {
        const refused = await refusal(asAdmin.call('doctor', 'provision-doctor', { ...fresh(), ...change }));
        expect(refused.code).toBe('BAD_USER_INPUT');
        expect(refused.message.startsWith(`${field}`)).toBe(true);
      }
      const unknown = await refusal(
        asAdmin.call('doctor', 'provision-doctor', { ...fresh(), serviceIds: [catalogue.checkup.id, unknownService] }),
      );
      expect(unknown.message).toContain(unknownService);
      expect(unknown.message).not.toContain(catalogue.checkup.id);
      expect([await count('doctors'), await count('doctor_services')]).toEqual([doctorsBefore, linksBefore]);
    });

    it("refuses another doctor's licence number with CONFLICT and keeps both profiles as they were", async () => {
      const dora = fresh();
      const refused = await refusal(
        asAdmin.call('doctor', 'provision-doctor', {
          ...dora,
          licenseNumber: 'md-1002',
          serviceIds: [catalogue.flu.id],
        }),
      );
      expect(refused.code).toBe('CONFLICT');
      expect(await count('doctors', 'id = ?', [dora.id])).toBe(0);
      expect(await count('doctor_services', 'doctor_id = ?', [dora.id])).toBe(0);
      expect(await count('doctors', 'id = ? and license_number = ?', [bob.id, 'MD-1002'])).toBe(1);
    });

    it('is idempotent on the id: the same id again updates the one profile and its services', async () => {
      const dora = { ...fresh(), serviceIds: [catalogue.checkup.id, catalogue.flu.id] };
      expect(await asAdmin.call('doctor', 'provision-doctor', dora)).toEqual({ id: dora.id });
      expect(await asAdmin.call('doctor', 'provision-doctor', dora)).toEqual({ id: dora.id });
      expect(await count('doctors', 'id = ?', [dora.id])).toBe(1);
      expect(await count('doctor_services', 'doctor_id = ?', [dora.id])).toBe(2);

      await asAdmin.call('doctor', 'provision-doctor', {
        ...dora,
        name: 'Dora Quinn-Lee',
        location: 'Room 9',
        serviceIds: [catalogue.flu.id, catalogue.cardio.id],
      });
      expect(await count('doctors', 'id = ?', [dora.id])).toBe(1);
      const response = await postAsGateway('doctor', url, DoctorListingDocument, { id: dora.id });
      expect(response.data!.doctor).toEqual({
        name: 'Dora Quinn-Lee',
        location: 'Room 9',
        services: [{ name: 'Cardiology consultation' }, { name: 'Flu vaccination' }],
      });
      await asAuth.call('doctor', 'discard-doctor', { id: dora.id });
    });

    it('discards a profile with its service links, and discarding again is a no-op', async () => {
      const dora = { ...fresh(), serviceIds: [catalogue.checkup.id] };
      await asAdmin.call('doctor', 'provision-doctor', dora);
      expect(await asAuth.call('doctor', 'discard-doctor', { id: dora.id })).toEqual({ id: dora.id });
      expect(await count('doctors', 'id = ?', [dora.id])).toBe(0);
      expect(await count('doctor_services', 'doctor_id = ?', [dora.id])).toBe(0);
      expect(errorCode(await postAsGateway('doctor', url, DoctorDocument, { id: dora.id }))).toBe('NOT_FOUND');
      expect(await asAuth.call('doctor', 'discard-doctor', { id: dora.id })).toEqual({ id: dora.id });
    });
  });

  describe('internal routes', () => {
    const post = (route: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/internal/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ id: bob.id }),
      });
    /** What a refused call answers. */
    const refusalBody = async (response: Response) => ((await response.json()) as RouteErrorBody).error;

    it.each(['provision-doctor', 'discard-doctor', 'create-medical-service'])(
      '%s refuses user tokens, callers without a token and tokens made for another service',
      async (route) => {
        for (const role of [Role.ADMIN, Role.DOCTOR, Role.PATIENT]) {
          const response = await post(route, { authorization: `Bearer ${await issuer.mint({ role })}` });
          expect(response.status).toBe(401);
          expect((await refusalBody(response)).code).toBe('UNAUTHENTICATED');
        }
        const anonymous = await post(route);
        expect(anonymous.status).toBe(401);
        expect((await refusalBody(anonymous)).code).toBe('UNAUTHENTICATED');
        const forAuth = await post(route, { [CALLER_HEADER]: await callerToken('admin', 'auth') });
        expect(forAuth.status).toBe(401);
        expect((await refusalBody(forAuth)).message).toMatch(/made for another service/);
        expect(await count('doctors', 'id = ?', [bob.id])).toBe(1);
      },
    );

    it.each([
      ['provision-doctor', 'auth'],
      ['discard-doctor', 'admin'],
      ['create-medical-service', 'notification'],
    ] as const)('%s refuses a service not on its callers list (%s)', async (route, caller) => {
      const response = await post(route, { [CALLER_HEADER]: await callerToken(caller, 'doctor') });
      expect(response.status).toBe(403);
      expect(await refusalBody(response)).toMatchObject({
        code: 'FORBIDDEN',
        message: stringMatching(new RegExp(`not open to the ${caller} service`)),
      });
      expect(await count('doctors', 'id = ?', [bob.id])).toBe(1);
    });

    // Internal routes are served on Node's request (no Express body-parser): their body checks are the service's own.
    it('answers a malformed, oversized or unknown internal request with a JSON refusal and changes nothing', async () => {
      const asAdminService = { [CALLER_HEADER]: await callerToken('admin', 'doctor') };
      const send = (route: string, body: string) =>
        fetch(`${url}/internal/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...asAdminService },
          body,
        });
      const malformed = await send('provision-doctor', '{"id": ');
      expect(malformed.status).toBe(400);
      expect(await refusalBody(malformed)).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: stringMatching(/not valid JSON/),
      });
      const oversized = await send('provision-doctor', JSON.stringify({ id: bob.id, pad: 'x'.repeat(1024 * 1024) }));
      expect(oversized.status).toBe(400);
      expect(await refusalBody(oversized)).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: stringMatching(/larger than 1048576 bytes/),
      });
      const unknown = await send('no-such-route', '{}');
      expect(unknown.status).toBe(404);
      expect((await refusalBody(unknown)).code).toBe('NOT_FOUND');
      const unknownAnonymous = await post('no-such-route');
      expect(unknownAnonymous.status).toBe(401);
      expect(await count('doctors', 'id = ?', [bob.id])).toBe(1);
    });

    it("refuses GraphQL sent straight to the doctor port without the gateway's caller token", async () => {
      const raw = await postGraphql(
        url,
        DoctorPrivateDocument,
        { id: ada.id },
        await issuer.mint({ role: Role.ADMIN }),
      );
      expect(raw.status).toBe(401);
      expect(errorCode(raw)).toBe('UNAUTHENTICATED');
      expect(raw.data).toBeUndefined();
    });
  });

  describe('entity references', () => {
    it('resolves 200 doctors with their services in one doctors query and one services query', async () => {
      const many = Array.from({ length: 200 }, (_, i) => ({
        id: randomUUID(),
        name: `Doctor ${String(i).padStart(3, '0')}`,
        specialty: 'General practice',
        licenseNumber: `GP-${i}`,
        serviceIds: [catalogue.checkup.id, catalogue.flu.id],
      }));
      // Concurrent provisioning too: it must neither deadlock nor mix up links.
      for (let i = 0; i < many.length; i += 25) {
        await Promise.all(many.slice(i, i + 25).map((doctor) => asAdmin.call('doctor', 'provision-doctor', doctor)));
      }
      expect(
        await count('doctor_services', "doctor_id in (select id from doctors where license_number like 'GP-%')"),
      ).toBe(400);

      let response: GraphqlResponse<DoctorAndServiceEntitiesQuery> | undefined;
      const statements = await statementsDuring(async () => {
        response = await postAsGateway('doctor', url, DoctorAndServiceEntitiesDocument, {
          representations: many.map((d) => ({ __typename: 'Doctor', id: d.id })),
        });
      });
      expect(response!.errors).toBeUndefined();
      expect(response!.data!._entities).toHaveLength(200);
      expect(response!.data!._entities[17]).toEqual({
        id: many[17].id,
        name: 'Doctor 017',
        services: [{ id: catalogue.flu.id }, { id: catalogue.checkup.id }],
      });
      const selects = statements.filter((sql) => /^\s*select/i.test(sql));
      expect(selects.filter((sql) => /from `doctors`/i.test(sql))).toHaveLength(1);
      expect(selects.filter((sql) => /from `doctor_services`/i.test(sql))).toHaveLength(1);
      expect(selects).toHaveLength(2);
    });

    it('resolves medical services by reference and leaves unknown ids null', async () => {
      const unknown = randomUUID();
      const response = await postAsGateway('doctor', url, DoctorAndServiceEntitiesDocument, {
        representations: [
          { __typename: 'MedicalService', id: catalogue.cardio.id },
          { __typename: 'MedicalService', id: unknown },
          { __typename: 'Doctor', id: unknown },
        ],
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities).toEqual([
        { id: catalogue.cardio.id, name: 'Cardiology consultation', price: '80.50' },
        null,
        null,
      ]);
    });
  });

  describe('booking rules of a service', () => {
    const CLINIC = { minNoticeMinutes: 120, horizonMinutes: 90 * 1440, cancellationWindowMinutes: 1440 };

    async function newService() {
      return asAdmin.call<{ id: string }>('doctor', 'create-medical-service', {
        name: `Rules ${randomUUID().slice(0, 8)}`,
        category: 'LAB_TEST',
        durationMinutes: 15,
        price: '9.00',
        currency: 'EUR',
      });
    }

    it('follows the clinic defaults until the service sets its own, to anyone who asks and in the facts bookings read', async () => {
      const { id } = await newService();
      expect(
        (await postAsGateway('doctor', url, MedicalServicePolicyDocument, { id })).data!.medicalService.bookingPolicy,
      ).toEqual({
        ...CLINIC,
        ownRules: [],
      });

      const set = await asAdmin.call('doctor', 'set-booking-policy', {
        id,
        minNoticeMinutes: 0,
        cancellationWindowMinutes: 2880,
      });
      expect(set).toMatchObject({
        id,
        bookingPolicy: { minNoticeMinutes: 0, horizonMinutes: CLINIC.horizonMinutes, cancellationWindowMinutes: 2880 },
      });
      expect(
        (await postAsGateway('doctor', url, MedicalServicePolicyDocument, { id })).data!.medicalService.bookingPolicy,
      ).toEqual({
        minNoticeMinutes: 0,
        horizonMinutes: CLINIC.horizonMinutes,
        cancellationWindowMinutes: 2880,
        ownRules: ['MIN_NOTICE', 'CANCELLATION_WINDOW'],
      });
      const asAppointment = serviceClientAs('appointment', { DOCTOR_URL: url });
      expect(await asAppointment.call('doctor', 'medical-service', { id })).toMatchObject({
        bookingPolicy: { minNoticeMinutes: 0, cancellationWindowMinutes: 2880 },
      });

      // Sent again without a rule, that rule follows the clinic default again.
      await asAdmin.call('doctor', 'set-booking-policy', { id, minNoticeMinutes: 0 });
      expect(
        (await postAsGateway('doctor', url, MedicalServicePolicyDocument, { id })).data!.medicalService.bookingPolicy
          .ownRules,
      ).toEqual(['MIN_NOTICE']);
    });

    it('refuses rules that cannot work or are out of bounds (BAD_USER_INPUT, nothing changed), unknown services, and callers other than admin', async () => {
      const { id } = await newService();
      await asAdmin.call('doctor', 'set-booking-policy', { id, cancellationWindowMinutes: 60 });
      const unchanged = () =>
        count(
          'medical_services',
          'id = ? and cancellation_window_minutes = 60 and min_notice_minutes is null and horizon_minutes is null',
          [id],
        );
      for (const bad of [
        { minNoticeMinutes: 3000, horizonMinutes: 2000 },
        { horizonMinutes: 30 },
        { minNoticeMinutes: -5 },
        { cancellationWindowMinutes: 1.5 },
      ]) {
        const refused = await refusal(asAdmin.call('doctor', 'set-booking-policy', { id, ...bad }));
        expect(refused.code).toBe('BAD_USER_INPUT');
        expect(await unchanged()).toBe(1);
      }
      expect(
        (
          await refusal(
            asAdmin.call('doctor', 'set-booking-policy', { id, minNoticeMinutes: 3000, horizonMinutes: 2000 }),
          )
        ).message,
      ).toMatch(/must be longer than the minimum notice/);
      expect(
        (await refusal(asAdmin.call('doctor', 'set-booking-policy', { id: randomUUID(), minNoticeMinutes: 10 }))).code,
      ).toBe('NOT_FOUND');
      const asScheduling = serviceClientAs('scheduling', { DOCTOR_URL: url });
      expect(
        (await refusal(asScheduling.call('doctor', 'set-booking-policy', { id, minNoticeMinutes: 10 }))).code,
      ).toBe('FORBIDDEN');
      expect(await unchanged()).toBe(1);
    });
  });

  describe('editing doctors and the catalogue', () => {
    const asAppointment = () => serviceClientAs('appointment', { DOCTOR_URL: url });
    let announcements = 0;
    let listener: ReturnType<typeof listenForDirectoryChanges>;

    beforeAll(async () => {
      listener = listenForDirectoryChanges(
        process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        prefix,
        createLogger('test', 'silent'),
        () => (announcements += 1),
      );
      const deadline = Date.now() + 5000;
      while (!listener.live() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    });
    afterAll(() => listener?.close());

    /** Runs `change` and waits for the doctor service's announcement of it. */
    async function announced<T>(change: () => Promise<T>): Promise<T> {
      const before = announcements;
      const result = await change();
      const deadline = Date.now() + 3000;
      while (announcements === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(announcements).toBeGreaterThan(before);
      return result;
    }

    async function newService(price = '50.00') {
      return asAdmin.call<{ id: string }>('doctor', 'create-medical-service', {
        name: `Edit ${randomUUID().slice(0, 8)}`,
        category: 'FOLLOW_UP',
        durationMinutes: 20,
        price,
        currency: 'EUR',
        description: 'Before',
      });
    }

    async function newDoctor(serviceIds: string[]) {
      const id = randomUUID();
      await asAdmin.call('doctor', 'provision-doctor', {
        id,
        name: 'Dr Edit',
        specialty: 'Neurology',
        licenseNumber: `ED-${id.slice(0, 8)}`,
        phone: '+49 30 5555555',
        bio: 'Before',
        serviceIds,
      });
      return id;
    }

    it("changes a service's fields, keeping those left out, and announces it; the facts bookings read follow", async () => {
      const { id } = await newService();
      const updated = await announced(() =>
        asAdmin.call('doctor', 'update-medical-service', { id, price: '65', durationMinutes: 45, description: null }),
      );
      expect(updated).toMatchObject({ id, price: '65.00', durationMinutes: 45, active: true });
      expect(
        (await postAsGateway('doctor', url, MedicalServiceEditableDocument, { id })).data!.medicalService,
      ).toMatchObject({
        category: 'FOLLOW_UP',
        price: '65.00',
        durationMinutes: 45,
        description: null,
        currency: 'EUR',
      });
      expect(await asAppointment().call('doctor', 'medical-service', { id })).toMatchObject({
        price: '65.00',
        durationMinutes: 45,
      });
    });

    it('refuses bad service changes, a taken name and unknown services, changing nothing', async () => {
      const { id } = await newService('50.00');
      const before = (await postAsGateway('doctor', url, MedicalServiceEditableDocument, { id })).data!.medicalService;
      for (const [change, code, message] of [
        [{ price: '-1' }, 'BAD_USER_INPUT', /price/],
        [{ durationMinutes: 2 }, 'BAD_USER_INPUT', /durationMinutes/],
        [{ currency: 'XYZ' }, 'BAD_USER_INPUT', /currency/],
        [{}, 'BAD_USER_INPUT', /at least one field/],
        [{ name: 'General check-up' }, 'CONFLICT', /already exists/],
      ] as const) {
        const refused = await refusal(asAdmin.call('doctor', 'update-medical-service', { id, ...change }));
        expect({ change, code: refused.code }).toEqual({ change, code });
        expect(refused.message).toMatch(message);
      }
      expect(
        (await refusal(asAdmin.call('doctor', 'update-medical-service', { id: randomUUID(), price: '1.00' }))).code,
      ).toBe('NOT_FOUND');
      expect((await postAsGateway('doctor', url, MedicalServiceEditableDocument, { id })).data!.medicalService).toEqual(
        before,
      );
    });

    it('retires a service: no longer listed or offered by its doctors, still readable, facts say inactive; again is a no-op', async () => {
      const { id } = await newService();
      const doctorId = await newDoctor([id, catalogue.flu.id]);
      await announced(() => asAdmin.call('doctor', 'retire-medical-service', { id }));
      expect(
        (await postAsGateway('doctor', url, MedicalServicesDocument)).data!.medicalServices.map(
          (s: { id: string }) => s.id,
        ),
      ).not.toContain(id);
      expect(
        (await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId })).data!.doctor.services,
      ).toEqual([{ id: catalogue.flu.id }]);
      expect(
        (await postAsGateway('doctor', url, MedicalServiceEditableDocument, { id })).data!.medicalService.active,
      ).toBe(false);
      expect(await asAppointment().call('doctor', 'medical-service', { id })).toMatchObject({ active: false });
      expect(await asAdmin.call('doctor', 'retire-medical-service', { id })).toMatchObject({ id, active: false });
    });

    it('lets an admin change everything of a doctor; deactivated, they leave search but stay readable', async () => {
      const doctorId = await newDoctor([catalogue.checkup.id]);
      const admin = await issuer.mint({ role: Role.ADMIN });
      await announced(() =>
        asAdmin.call('doctor', 'update-doctor', {
          id: doctorId,
          name: 'Dr Edited',
          specialty: 'Neurology',
          licenseNumber: `ED2-${doctorId.slice(0, 6)}`,
          phone: null,
          location: 'Room 9',
          serviceIds: [catalogue.flu.id],
        }),
      );
      expect(
        (await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId }, admin)).data!.doctor,
      ).toMatchObject({
        name: 'Dr Edited',
        bio: 'Before',
        location: 'Room 9',
        phone: null,
        active: true,
        services: [{ id: catalogue.flu.id }],
      });
      const searched = async () =>
        (await postAsGateway('doctor', url, DoctorsDocument, { specialty: 'Neurology' })).data!.doctors.map(
          (d: { id: string }) => d.id,
        );
      expect(await searched()).toContain(doctorId);
      expect(await announced(() => asAdmin.call('doctor', 'update-doctor', { id: doctorId, active: false }))).toEqual({
        id: doctorId,
        active: false,
      });
      expect(await searched()).not.toContain(doctorId);
      expect((await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId })).data!.doctor).toMatchObject({
        active: false,
        name: 'Dr Edited',
      });
      expect(await asAppointment().call('doctor', 'doctors', { ids: [doctorId] })).toEqual({
        doctors: [expect.objectContaining({ id: doctorId, active: false })],
      });
      await asAdmin.call('doctor', 'update-doctor', { id: doctorId, active: true });
      expect(await searched()).toContain(doctorId);
    });

    it("refuses bad doctor changes, another doctor's licence and unknown services, changing nothing", async () => {
      const doctorId = await newDoctor([catalogue.checkup.id]);
      const admin = await issuer.mint({ role: Role.ADMIN });
      const before = (await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId }, admin)).data!.doctor;
      for (const [change, code, field] of [
        [{ name: '  ' }, 'BAD_USER_INPUT', /name/],
        [{ phone: 'call me' }, 'BAD_USER_INPUT', /phone/],
        [{ serviceIds: [randomUUID()] }, 'BAD_USER_INPUT', /serviceIds/],
        [{ active: 'no' }, 'BAD_USER_INPUT', /active/],
        [{ licenseNumber: ada.licenseNumber }, 'CONFLICT', /already registered/],
      ] as const) {
        const refused = await refusal(asAdmin.call('doctor', 'update-doctor', { id: doctorId, ...change }));
        expect({ change, code: refused.code }).toEqual({ change, code });
        expect(refused.message).toMatch(field);
      }
      expect((await refusal(asAdmin.call('doctor', 'update-doctor', { id: randomUUID(), bio: 'x' }))).code).toBe(
        'NOT_FOUND',
      );
      expect(
        (
          await refusal(
            serviceClientAs('scheduling', { DOCTOR_URL: url }).call('doctor', 'update-doctor', {
              id: doctorId,
              active: false,
            }),
          )
        ).code,
      ).toBe('FORBIDDEN');
      expect((await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId }, admin)).data!.doctor).toEqual(
        before,
      );
    });

    it('lets a doctor change their own bio, location and phone, and nobody else use it', async () => {
      const doctorId = await newDoctor([catalogue.checkup.id]);
      const doctor = await issuer.mint({ role: Role.DOCTOR, sub: doctorId });
      const changed = await postAsGateway(
        'doctor',
        url,
        UpdateMyDoctorProfileDocument,
        { input: { bio: '  Headaches.  ', location: 'Room 3' } },
        doctor,
      );
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.updateMyDoctorProfile).toEqual({
        id: doctorId,
        bio: 'Headaches.',
        location: 'Room 3',
        phone: '+49 30 5555555',
      });
      const cleared = await postAsGateway(
        'doctor',
        url,
        UpdateMyDoctorProfileDocument,
        { input: { phone: null } },
        doctor,
      );
      expect(cleared.data!.updateMyDoctorProfile).toMatchObject({ bio: 'Headaches.', phone: null });

      const bad = await postAsGateway(
        'doctor',
        url,
        UpdateMyDoctorProfileDocument,
        { input: { phone: 'call me' } },
        doctor,
      );
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].message).toMatch(/phone/);
      expect(errorCode(await postAsGateway('doctor', url, UpdateMyDoctorProfileDocument, { input: {} }, doctor))).toBe(
        'BAD_USER_INPUT',
      );
      const renamed = await postAsGateway(
        'doctor',
        url,
        UpdateMyDoctorProfileDocument,
        wrongVariables({ input: { name: 'Dr Me' } }),
        doctor,
      );
      expect(errorCode(renamed)).toBe('BAD_USER_INPUT');
      expect(renamed.errors![0].message).toMatch(/Field "name" is not defined by type "MyDoctorProfileInput"/);
      for (const role of [Role.PATIENT, Role.ADMIN]) {
        expect(
          errorCode(
            await postAsGateway(
              'doctor',
              url,
              UpdateMyDoctorProfileDocument,
              { input: { bio: 'Not mine' } },
              await issuer.mint({ role }),
            ),
          ),
        ).toBe('FORBIDDEN');
      }
      expect(
        errorCode(await postAsGateway('doctor', url, UpdateMyDoctorProfileDocument, { input: { bio: 'Not mine' } })),
      ).toBe('UNAUTHENTICATED');
      expect(
        (await postAsGateway('doctor', url, DoctorProfileDocument, { id: doctorId }, doctor)).data!.doctor,
      ).toMatchObject({
        bio: 'Headaches.',
        location: 'Room 3',
        phone: null,
      });
    });
  });

  describe('the public lists, kept for seconds', () => {
    const names = async () =>
      (await postAsGateway('doctor', url, MedicalServicesDocument)).data!.medicalServices.map(
        (s: { name: string }) => s.name,
      );
    const doctorIds = async (serviceId: string) =>
      (await postAsGateway('doctor', url, DoctorsDocument, { serviceId })).data!.doctors.map(
        (d: { id: string }) => d.id,
      );
    const selects = (statements: string[]) => statements.filter((sql) => /^\s*select/i.test(sql));

    it('answers the same list again without asking MariaDB', async () => {
      await names();
      expect(selects(await statementsDuring(async () => void (await names())))).toEqual([]);
    });

    it("shows this instance's own changes at once: a new, a retired, a renamed service; a doctor deactivated or given a service", async () => {
      await names();
      const created = await asAdmin.call<{ id: string }>('doctor', 'create-medical-service', {
        name: 'Kept-list check',
        category: 'GENERAL_CHECKUP',
        durationMinutes: 20,
        price: '10',
        currency: 'EUR',
      });
      expect(await names()).toContain('Kept-list check');
      await asAdmin.call('doctor', 'update-medical-service', { id: created.id, name: 'Kept-list check (renamed)' });
      expect(await names()).toContain('Kept-list check (renamed)');
      await asAdmin.call('doctor', 'retire-medical-service', { id: created.id });
      expect(await names()).not.toContain('Kept-list check (renamed)');

      const doctorId = randomUUID();
      await asAdmin.call('doctor', 'provision-doctor', {
        id: doctorId,
        name: 'Kept List',
        specialty: 'General practice',
        licenseNumber: `KL-${doctorId.slice(0, 8)}`,
        serviceIds: [catalogue.flu.id],
      });
      expect(await doctorIds(catalogue.flu.id)).toContain(doctorId);
      expect(await doctorIds(catalogue.checkup.id)).not.toContain(doctorId);
      await asAdmin.call('doctor', 'provision-doctor', {
        id: doctorId,
        name: 'Kept List',
        specialty: 'General practice',
        licenseNumber: `KL-${doctorId.slice(0, 8)}`,
        serviceIds: [catalogue.flu.id, catalogue.checkup.id],
      });
      expect(await doctorIds(catalogue.checkup.id)).toContain(doctorId);
      await asAdmin.call('doctor', 'update-doctor', { id: doctorId, active: false });
      expect(await doctorIds(catalogue.flu.id)).not.toContain(doctorId);
    });

    it('drops them when another instance announces a change it made, and keeps them until then', async () => {
      await names();
      // Another instance's change: the row changes in the shared database, and its announcer speaks on Redis.
      const connection = await createConnection({ uri: databaseUrl });
      try {
        await connection.query('update medical_services set name = ? where id = ?', [
          'Flu vaccination (by another instance)',
          catalogue.flu.id,
        ]);
        expect(await names()).toContain('Flu vaccination'); // kept: nothing announced yet
        const other = directoryAnnouncer(
          process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          prefix,
          createLogger('other-instance', 'silent'),
        );
        await other.announce({ kind: 'medical-service', id: catalogue.flu.id });
        await other.close();
        const deadline = Date.now() + 3000;
        while (!(await names()).includes('Flu vaccination (by another instance)') && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 25));
        expect(await names()).toContain('Flu vaccination (by another instance)');
      } finally {
        await connection.query('update medical_services set name = ? where id = ?', [
          'Flu vaccination',
          catalogue.flu.id,
        ]);
        await connection.end();
      }
    });

    it('keeps nothing while the announcements cannot be heard', async () => {
      const deaf = publicListings(doctorService.orm, { live: () => false });
      await deaf.medicalServices(null);
      expect(selects(await statementsDuring(async () => void (await deaf.medicalServices(null))))).toHaveLength(1);
      const listening = publicListings(doctorService.orm, { live: () => true });
      await listening.medicalServices(null);
      expect(selects(await statementsDuring(async () => void (await listening.medicalServices(null))))).toHaveLength(0);
    });
  });
});
