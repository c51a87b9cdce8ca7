import { Role } from '@carebook/platform';
import {
  anyNumber,
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  operationText,
  postAsGateway,
  postGraphql,
  serviceClientAs,
  SpawnedService,
  spawnService,
  stringMatching,
  testPortBase,
  wrongVariables,
} from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DocumentNode } from 'graphql';
import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuth } from '../src/app';
import { loadAuthConfig } from '../src/config';
import {
  LoginDocument,
  MeDetailsDocument,
  MeEmailDocument,
  RefreshDocument,
  RegisterPatientDocument,
  RegisterPatientUserDocument,
  ServiceSdlDocument,
  UserEntitiesDocument,
  UserIdsDocument,
  UsersAfterGarbageDocument,
  UsersFirstPageDocument,
} from './generated/operations';
import { MyProfileNameEmailDocument } from './generated/patient';

const ADMIN = { email: 'root-admin@carebook.test', password: 'admin-password-1' };

describe('auth subgraph against MariaDB and Redis', () => {
  const databaseUrl = freshDatabaseUrl('auth');
  // Registration asks the patient service here; nothing listens until the reconciler test starts it.
  const patientPort = testPortBase() + 2;
  const patientDatabaseUrl = freshDatabaseUrl('patient');
  let patient: SpawnedService | undefined;
  let auth: Awaited<ReturnType<typeof startAuth>>;
  let url: string;
  /** Passwords auth has checked, counted through its hook (Redis and the database are the real ones). */
  let passwordChecks = 0;

  beforeAll(async () => {
    const config = loadAuthConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_PORT: '0',
      REDIS_PREFIX: `test-${process.pid}-${Date.now()}`,
      AUTH_DB_URL: databaseUrl,
      AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'carebook-auth-')), 'key.json'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_FAILURES_PER_IP: '12',
      REGISTRATIONS_PER_IP_PER_HOUR: '2',
      // Nothing listens there at first: registration must fail cleanly when the patient service is down.
      PATIENT_URL: `http://127.0.0.1:${patientPort}`,
      PROVISIONING_GRACE_SECONDS: '1',
    });
    auth = await startAuth(config, { passwordChecked: () => void (passwordChecks += 1) });
    url = auth.url;
  });

  afterAll(async () => {
    await patient?.stop();
    await auth?.stop();
    await Promise.all([dropDatabase(databaseUrl), dropDatabase(patientDatabaseUrl)]);
  });

  async function loginAdmin() {
    const response = await postAsGateway('auth', url, LoginDocument, ADMIN, undefined, {
      'x-carebook-client-ip': '10.0.0.1',
    });
    expect(response.errors).toBeUndefined();
    return response.data!.login;
  }

  it('creates the bootstrap admin, signs in and answers me with an ES256 token carrying iss, aud, sub, role and exp', async () => {
    const session = await loginAdmin();
    expect(session.user).toMatchObject({ email: ADMIN.email, role: Role.ADMIN });
    const header = decodeProtectedHeader(session.accessToken);
    const payload = decodeJwt(session.accessToken);
    expect(header.alg).toBe('ES256');
    expect(payload).toMatchObject({ iss: 'carebook-auth', aud: 'carebook', sub: session.user.id, role: 'ADMIN' });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    const me = await postAsGateway('auth', url, MeDetailsDocument, {}, session.accessToken);
    expect(me.data!.me).toMatchObject({ id: session.user.id, email: ADMIN.email });
  });

  it('publishes the public key only at /.well-known/jwks.json', async () => {
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('rotates refresh tokens and revokes the family when a spent one is shown again', async () => {
    const session = await loginAdmin();
    const first = await postAsGateway('auth', url, RefreshDocument, { t: session.refreshToken });
    expect(first.errors).toBeUndefined();
    const second = await postAsGateway('auth', url, RefreshDocument, { t: session.refreshToken });
    expect(errorCode(second)).toBe('UNAUTHENTICATED');
    // The token issued by the first rotation belonged to the same family: revoked too.
    const third = await postAsGateway('auth', url, RefreshDocument, { t: first.data!.refreshSession.refreshToken });
    expect(errorCode(third)).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two concurrent uses of a refresh token succeed', async () => {
    const session = await loginAdmin();
    const results = await Promise.all([
      postAsGateway('auth', url, RefreshDocument, { t: session.refreshToken }),
      postAsGateway('auth', url, RefreshDocument, { t: session.refreshToken }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  const loginFrom = (address: string, email: string, password: string) =>
    postAsGateway('auth', url, LoginDocument, { email, password }, undefined, { 'x-carebook-client-ip': address });

  it('refuses a wrong password, then throttles the account at that address (not elsewhere) after too many failures', async () => {
    const email = 'someone@carebook.test';
    for (let i = 0; i < 5; i++)
      expect(errorCode(await loginFrom('10.0.0.2', email, 'wrong-password'))).toBe('UNAUTHENTICATED');
    const blocked = await loginFrom('10.0.0.2', email, 'wrong-password');
    expect(errorCode(blocked)).toBe('FORBIDDEN');
    expect(blocked.errors![0].message).toMatch(/Too many failed sign-in attempts/);
    expect(blocked.errors![0].extensions).toMatchObject({
      reason: 'RATE_LIMITED',
      retryAfterSeconds: anyNumber(),
    });
    expect(errorCode(await loginFrom('10.0.0.3', email, 'wrong-password'))).toBe('UNAUTHENTICATED');
  });

  it('checks at most 5 passwords of 40 parallel wrong guesses at one account, and locks out nobody else', async () => {
    passwordChecks = 0;
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom('10.0.1.1', ADMIN.email, `wrong-password-${i}`)),
    );
    expect(passwordChecks).toBe(5);
    expect(guesses.filter((g) => errorCode(g) === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(guesses.filter((g) => errorCode(g) === 'FORBIDDEN')).toHaveLength(35);
    // Even the right password waits out the window from that address, unchecked; from another one it works.
    expect(errorCode(await loginFrom('10.0.1.1', ADMIN.email, ADMIN.password))).toBe('FORBIDDEN');
    expect(passwordChecks).toBe(5);
    expect((await loginFrom('10.0.1.2', ADMIN.email, ADMIN.password)).errors).toBeUndefined();
  });

  it('refuses every account from an address once its failures reach the higher per-address ceiling (12 here)', async () => {
    for (const account of ['a', 'b', 'c']) {
      for (let i = 0; i < 4; i++)
        expect(errorCode(await loginFrom('10.0.2.1', `${account}@carebook.test`, 'wrong-password'))).toBe(
          'UNAUTHENTICATED',
        );
    }
    passwordChecks = 0;
    const refused = await loginFrom('10.0.2.1', ADMIN.email, ADMIN.password);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(passwordChecks).toBe(0);
    expect((await loginFrom('10.0.2.2', ADMIN.email, ADMIN.password)).errors).toBeUndefined();
  });

  it('throttles registrations per client address (2 per hour here), counting attempts that failed', async () => {
    const register = (address: string, n: number) =>
      postAsGateway(
        'auth',
        url,
        RegisterPatientDocument,
        { input: { email: `reg${n}@carebook.test`, password: 'long-enough-1', name: 'Reg' } },
        undefined,
        {
          'x-carebook-client-ip': address,
        },
      );
    // The patient service is down here: each attempt fails, and still counts.
    expect(errorCode(await register('10.0.3.1', 1))).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCode(await register('10.0.3.1', 2))).toBe('INTERNAL_SERVER_ERROR');
    const third = await register('10.0.3.1', 3);
    expect(errorCode(third)).toBe('FORBIDDEN');
    expect(third.errors![0]).toMatchObject({
      message: stringMatching(/Too many accounts were opened from your network address/),
      extensions: { reason: 'RATE_LIMITED' },
    });
    expect(errorCode(await register('10.0.3.2', 4))).toBe('INTERNAL_SERVER_ERROR');
  });

  it('refuses bad registration input with BAD_USER_INPUT and writes nothing', async () => {
    const cases = [
      { email: 'not-an-email', password: 'long-enough-1', name: 'Ann' },
      { email: 'ann@carebook.test', password: 'short', name: 'Ann' },
      { email: 'ann@carebook.test', password: 'long-enough-1', name: 'Ann', dateOfBirth: '2999-01-01' },
    ];
    for (const input of cases) {
      const response = await postAsGateway('auth', url, RegisterPatientDocument, { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
    }
    const unknownGender = await postAsGateway(
      'auth',
      url,
      RegisterPatientDocument,
      wrongVariables({
        input: { email: 'ann@carebook.test', password: 'long-enough-1', name: 'Ann', gender: 'UNKNOWN' },
      }),
    );
    expect(errorCode(unknownGender)).toBe('BAD_USER_INPUT');
    expect(await countUsers('ann@carebook.test')).toBe(0);
  });

  it('leaves no usable user when the patient service is down during registration, and the reconciler removes the rest', async () => {
    const input = { email: 'down@carebook.test', password: 'long-enough-1', name: 'Dee' };
    // Its own client address: the file's other registrations count against theirs (REGISTRATIONS_PER_IP_PER_HOUR is 2 here).
    const fromOwnAddress = { 'x-carebook-client-ip': '10.9.9.9' };
    const response = await postAsGateway(
      'auth',
      url,
      RegisterPatientUserDocument,
      { input },
      undefined,
      fromOwnAddress,
    );
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expect(response.errors![0].message).toMatch(/patient service is not reachable/);
    const login = await postAsGateway('auth', url, LoginDocument, { email: input.email, password: input.password });
    expect(errorCode(login)).toBe('UNAUTHENTICATED');
    // The profile service could not be asked to clean up, so the half-made user stays, unable to sign in, and holds the email.
    expect(await countUsers(input.email)).toBe(1);
    expect(await countUsers(input.email, true)).toBe(0);
    expect(
      errorCode(await postAsGateway('auth', url, RegisterPatientUserDocument, { input }, undefined, fromOwnAddress)),
    ).toBe('CONFLICT');
    // While the patient service is still down the reconciler cannot discard the profile side either: the user waits.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past PROVISIONING_GRACE_SECONDS (1 s)
    expect(await auth.reconcile()).toBe(0);
    expect(await countUsers(input.email)).toBe(1);

    // Once it is back, the reconciler removes the user, and the email registers again (profile and all).
    patient = await spawnService('patient', patientPort, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PATIENT_DB_URL: patientDatabaseUrl,
      AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
      REDIS_PREFIX: `test-auth-patient-${process.pid}`,
    });
    // Other tests of this file leave half-made users of their own (registrations while the patient service was down).
    expect(await auth.reconcile()).toBeGreaterThanOrEqual(1);
    expect(await countUsers(input.email)).toBe(0);
    const again = await postAsGateway('auth', url, RegisterPatientUserDocument, { input }, undefined, {
      'x-carebook-client-ip': '10.9.9.10',
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.registerPatient.user.email).toBe(input.email);
    const profile = await postAsGateway(
      'patient',
      patient.url,
      MyProfileNameEmailDocument,
      {},
      again.data!.registerPatient.accessToken,
    );
    expect(profile.data?.myProfile).toEqual({ name: 'Dee', email: input.email });
    expect(
      (await postAsGateway('auth', url, LoginDocument, { email: input.email, password: input.password })).errors,
    ).toBeUndefined();
  }, 90_000);

  it('lists users for admins only, in cursor pages', async () => {
    const admin = await loginAdmin();
    const page = await postAsGateway('auth', url, UsersFirstPageDocument, {}, admin.accessToken);
    expect(page.data!.users.edges).toHaveLength(1);
    const bad = await postAsGateway('auth', url, UsersAfterGarbageDocument, {}, admin.accessToken);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const anonymous = await postAsGateway('auth', url, UserIdsDocument);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });

  /** A signed-in doctor, made as the admin service makes one (create-user, then confirm-user). */
  async function signedInDoctor() {
    const asAdminService = serviceClientAs('admin', { AUTH_URL: url });
    const email = `dr-${randomUUID().slice(0, 8)}@carebook.test`;
    const { id } = await asAdminService.call<{ id: string }>('auth', 'create-user', {
      email,
      password: 'doctor-password-1',
      role: Role.DOCTOR,
    });
    await asAdminService.call('auth', 'confirm-user', { id });
    const response = await postAsGateway('auth', url, LoginDocument, { email, password: 'doctor-password-1' });
    expect(response.errors).toBeUndefined();
    return response.data!.login;
  }

  it("serves GraphQL only to the gateway and services: _entities, _service or any query without the gateway's caller token get 401 and no data", async () => {
    const admin = await loginAdmin();
    const r = [{ __typename: 'User', id: admin.user.id }];
    const refused: DocumentNode[] = [UserEntitiesDocument, ServiceSdlDocument, MeEmailDocument];
    for (const document of refused) {
      // The text names the operation when one is let through.
      const query = operationText(document);
      for (const token of [undefined, admin.accessToken]) {
        const raw = await postGraphql<unknown>(url, document, { r }, token);
        expect({ query, token: Boolean(token), status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
          query,
          token: Boolean(token),
          status: 401,
          code: 'UNAUTHENTICATED',
          data: undefined,
        });
      }
    }
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("shows a user's email and role through _entities only to that user and to admins", async () => {
    const admin = await loginAdmin();
    const doctor = await signedInDoctor();
    const r = [
      { __typename: 'User', id: admin.user.id },
      { __typename: 'User', id: doctor.user.id },
    ];

    const anonymous = await postAsGateway('auth', url, UserEntitiesDocument, { r });
    expect(anonymous.data!._entities).toEqual([null, null]);
    expect(anonymous.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);

    const asDoctor = await postAsGateway('auth', url, UserEntitiesDocument, { r }, doctor.accessToken);
    expect(asDoctor.data!._entities).toEqual([null, { id: doctor.user.id, email: doctor.user.email, role: 'DOCTOR' }]);
    expect(asDoctor.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' }, path: ['_entities', 0] }]);

    const asAdmin = await postAsGateway('auth', url, UserEntitiesDocument, { r }, admin.accessToken);
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!._entities.map((user) => user!.email)).toEqual([ADMIN.email, doctor.user.email]);
  });

  async function countUsers(email: string, provisionedOnly = false): Promise<number> {
    const connection = await createConnection({ uri: databaseUrl });
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
});
