import { Role } from '@carebook/platform';
import { dropDatabase, errorCode, freshDatabaseUrl, postGraphql, spawnService, SpawnedService, testPortBase } from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuth } from '../src/app';
import { loadAuthConfig } from '../src/config';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken expiresAt user { id email role } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken expiresAt } }';
const ADMIN = { email: 'root-admin@carebook.test', password: 'admin-password-1' };

describe('auth subgraph against MariaDB and Redis', () => {
  const databaseUrl = freshDatabaseUrl('auth');
  // Registration asks the patient service here; nothing listens until the reconciler test starts it.
  const patientPort = testPortBase() + 2;
  const patientDatabaseUrl = freshDatabaseUrl('patient');
  let patient: SpawnedService | undefined;
  let auth: Awaited<ReturnType<typeof startAuth>>;
  let url: string;

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
      LOGIN_MAX_FAILURES_PER_EMAIL: '3',
      // Nothing listens there at first: registration must fail cleanly when the patient service is down.
      PATIENT_URL: `http://127.0.0.1:${patientPort}`,
      PROVISIONING_GRACE_SECONDS: '1',
    });
    auth = await startAuth(config);
    url = auth.url;
  });

  afterAll(async () => {
    await patient?.stop();
    await auth?.stop();
    await Promise.all([dropDatabase(databaseUrl), dropDatabase(patientDatabaseUrl)]);
  });

  async function loginAdmin() {
    const response = await postGraphql(url, LOGIN, ADMIN, undefined, { 'x-carebook-client-ip': '10.0.0.1' });
    expect(response.errors).toBeUndefined();
    return response.data.login;
  }

  it('creates the bootstrap admin, signs in and answers me with an ES256 token carrying iss, aud, sub, role and exp', async () => {
    const session = await loginAdmin();
    expect(session.user).toMatchObject({ email: ADMIN.email, role: Role.ADMIN });
    const [header, payload] = session.accessToken.split('.').slice(0, 2).map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header.alg).toBe('ES256');
    expect(payload).toMatchObject({ iss: 'carebook-auth', aud: 'carebook', sub: session.user.id, role: 'ADMIN' });
    expect(payload.exp - payload.iat).toBe(15 * 60);
    const me = await postGraphql(url, '{ me { id email role createdAt } }', {}, session.accessToken);
    expect(me.data.me).toMatchObject({ id: session.user.id, email: ADMIN.email });
  });

  it('publishes the public key only at /.well-known/jwks.json', async () => {
    const jwks = await (await fetch(`${url}/.well-known/jwks.json`)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('rotates refresh tokens and revokes the family when a spent one is shown again', async () => {
    const session = await loginAdmin();
    const first = await postGraphql(url, REFRESH, { t: session.refreshToken });
    expect(first.errors).toBeUndefined();
    const second = await postGraphql(url, REFRESH, { t: session.refreshToken });
    expect(errorCode(second)).toBe('UNAUTHENTICATED');
    // The token issued by the first rotation belonged to the same family: revoked too.
    const third = await postGraphql(url, REFRESH, { t: first.data.refreshSession.refreshToken });
    expect(errorCode(third)).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two concurrent uses of a refresh token succeed', async () => {
    const session = await loginAdmin();
    const results = await Promise.all([postGraphql(url, REFRESH, { t: session.refreshToken }), postGraphql(url, REFRESH, { t: session.refreshToken })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it('refuses a wrong password, then throttles the email after too many failures', async () => {
    const email = 'someone@carebook.test';
    for (let i = 0; i < 3; i++) {
      const attempt = await postGraphql(url, LOGIN, { email, password: 'wrong-password' }, undefined, { 'x-carebook-client-ip': '10.0.0.2' });
      expect(errorCode(attempt)).toBe('UNAUTHENTICATED');
    }
    const blocked = await postGraphql(url, LOGIN, { email, password: 'wrong-password' }, undefined, { 'x-carebook-client-ip': '10.0.0.3' });
    expect(errorCode(blocked)).toBe('FORBIDDEN');
    expect(blocked.errors![0].message).toMatch(/Too many failed sign-in attempts/);
    expect(blocked.errors![0].extensions).toMatchObject({ reason: 'RATE_LIMITED' });
  });

  it('refuses bad registration input with BAD_USER_INPUT and writes nothing', async () => {
    const cases = [
      { email: 'not-an-email', password: 'long-enough-1', name: 'Ann' },
      { email: 'ann@carebook.test', password: 'short', name: 'Ann' },
      { email: 'ann@carebook.test', password: 'long-enough-1', name: 'Ann', dateOfBirth: '2999-01-01' },
    ];
    for (const input of cases) {
      const response = await postGraphql(url, 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }', { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
    }
    const unknownGender = await postGraphql(url, 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }', {
      input: { email: 'ann@carebook.test', password: 'long-enough-1', name: 'Ann', gender: 'UNKNOWN' },
    });
    expect(errorCode(unknownGender)).toBe('BAD_USER_INPUT');
    expect(await countUsers('ann@carebook.test')).toBe(0);
  });

  it('leaves no usable user when the patient service is down during registration, and the reconciler removes the rest', async () => {
    const REGISTER = 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken user { id email } } }';
    const input = { email: 'down@carebook.test', password: 'long-enough-1', name: 'Dee' };
    const response = await postGraphql(url, REGISTER, { input });
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expect(response.errors![0].message).toMatch(/patient service is not reachable/);
    const login = await postGraphql(url, LOGIN, { email: input.email, password: input.password });
    expect(errorCode(login)).toBe('UNAUTHENTICATED');
    // The profile service could not be asked to clean up, so the half-made user stays, unable to sign in, and holds the email.
    expect(await countUsers(input.email)).toBe(1);
    expect(await countUsers(input.email, true)).toBe(0);
    expect(errorCode(await postGraphql(url, REGISTER, { input }))).toBe('CONFLICT');
    // While the patient service is still down the reconciler cannot discard the profile side either: the user waits.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past PROVISIONING_GRACE_SECONDS (1 s)
    expect(await auth.reconcile()).toBe(0);
    expect(await countUsers(input.email)).toBe(1);

    // Once it is back, the reconciler removes the user, and the email registers again (profile and all).
    patient = await spawnService('patient', patientPort, { NODE_ENV: 'test', LOG_LEVEL: 'warn', PATIENT_DB_URL: patientDatabaseUrl, AUTH_JWKS_URL: `${url}/.well-known/jwks.json`, REDIS_PREFIX: `test-auth-patient-${process.pid}` });
    expect(await auth.reconcile()).toBe(1);
    expect(await countUsers(input.email)).toBe(0);
    const again = await postGraphql(url, REGISTER, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data.registerPatient.user.email).toBe(input.email);
    const profile = await postGraphql(patient.url, '{ myProfile { name email } }', {}, again.data.registerPatient.accessToken);
    expect(profile.data?.myProfile).toEqual({ name: 'Dee', email: input.email });
    expect((await postGraphql(url, LOGIN, { email: input.email, password: input.password })).errors).toBeUndefined();
  }, 90_000);

  it('lists users for admins only, in cursor pages', async () => {
    const admin = await loginAdmin();
    const page = await postGraphql(url, '{ users(first: 1) { edges { node { id email role active createdAt } } pageInfo { hasNextPage endCursor } } }', {}, admin.accessToken);
    expect(page.data.users.edges).toHaveLength(1);
    const bad = await postGraphql(url, '{ users(after: "garbage") { edges { node { id } } } }', {}, admin.accessToken);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const anonymous = await postGraphql(url, '{ users { edges { node { id } } } }');
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });

  async function countUsers(email: string, provisionedOnly = false): Promise<number> {
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [rows] = await connection.query(`select count(*) as n from users where email = ?${provisionedOnly ? ' and provisioned = 1' : ''}`, [email]);
      return Number((rows as Array<{ n: number }>)[0].n);
    } finally {
      await connection.end();
    }
  }
});
