import { operation } from '@carebook/clients';
import { CALLER_HEADER, CLIENT_IP_HEADER, ServiceName } from '@carebook/platform';
import {
  accessTokenMinterFromKeyFile,
  BOOTSTRAP_ADMIN,
  callerToken,
  errorCode,
  GraphqlResponse,
  MintOptions,
  postAsGateway,
  postGraphql,
  Stack,
  startStack,
} from '@carebook/platform/testing';
import {
  LoginDocument,
  MeDocument,
  PatientChartDocument,
  RegisterPatientDocument,
  UpdateMyProfileDocument,
} from '@carebook/sdk';
import { ContractCall, contractCall } from './lib/contract-call';
import { SignJWT } from 'jose';
import { createSecretKey, randomUUID } from 'node:crypto';

const SUBGRAPHS: ServiceName[] = [
  'auth',
  'patient',
  'doctor',
  'admin',
  'scheduling',
  'appointment',
  'billing',
  'feedback',
  'notification',
];
const ENTITY_OF: Partial<Record<ServiceName, string>> = {
  auth: 'User',
  patient: 'Patient',
  doctor: 'Doctor',
  scheduling: 'Slot',
  appointment: 'Appointment',
  billing: 'Invoice',
  feedback: 'Appointment',
  notification: 'Appointment',
};
const HISTORY = 'query($id: ID!) { patient(id: $id) { id name medicalHistory } }';
/** What HISTORY asks for (a probe, not a contract operation). */
type History = { patient: { id: string; name: string; medicalHistory: string | null } | null };
/** The shared secret every process held before per-service keys (public in the repository's history). */
const RETIRED_DEV_SECRET = 'carebook-development-service-secret-change-me';

/**
 * The side doors of issue 11, each tried the way an attacker would, through
 * the real gateway and subgraph ports of a stack `startStack` runs from the
 * built code; and the bad access-token claims of issue 17, at the gateway
 * and at a subgraph.
 */
describe('side doors, tried end to end', () => {
  let stack: Stack;
  let gql: ContractCall;
  let admin: { id: string; token: string };
  let ada: { id: string; token: string };
  const urlOf = (service: ServiceName) => stack.services.get(service)!.url;

  beforeAll(async () => {
    // A low per-address sign-in limit, for the spoofed-address test at the end.
    stack = await startStack(SUBGRAPHS, { LOGIN_MAX_FAILURES_PER_IP: '3' });
    gql = contractCall(stack.gatewayUrl);
    const login = await gql(LoginDocument, BOOTSTRAP_ADMIN);
    expect(login.errors).toBeUndefined();
    admin = { id: login.data.login.user.id, token: login.data.login.accessToken };
    const registered = await gql(RegisterPatientDocument, {
      input: { email: 'ada@side-doors.e2e.test', password: 'patient-password-1', name: 'Ada Private' },
    });
    expect(registered.errors).toBeUndefined();
    ada = { id: registered.data.registerPatient.user.id, token: registered.data.registerPatient.accessToken };
    expect(
      (await gql(UpdateMyProfileDocument, { input: { medicalHistory: 'Confidential history' } }, ada.token)).errors,
    ).toBeUndefined();
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Refused outright: 401, UNAUTHENTICATED, and nothing of the answer. */
  function expectRefused(response: GraphqlResponse<unknown>, label: string) {
    expect({ label, status: response.status, code: errorCode(response), data: response.data ?? null }).toEqual({
      label,
      status: 401,
      code: 'UNAUTHENTICATED',
      data: null,
    });
  }

  describe('the gateway accepts user access tokens only', () => {
    it('refuses an HS256 service token signed with the retired development secret: UNAUTHENTICATED and no history', async () => {
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('appointment')
        .setIssuer('carebook-services')
        .setAudience('carebook-internal')
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(createSecretKey(Buffer.from(RETIRED_DEV_SECRET, 'utf8')));
      expectRefused(await postGraphql(stack.gatewayUrl, HISTORY, { id: ada.id }, forged), 'HISTORY');
      expectRefused(await gql(PatientChartDocument, { id: ada.id }, forged), 'PatientChart');
    });

    it('refuses a service token of the new kind sent as Authorization, whoever it names and whatever it is for', async () => {
      for (const [from, to] of [
        ['appointment', 'gateway'],
        ['gateway', 'patient'],
        ['patient', 'patient'],
      ] as const) {
        expectRefused(
          await postGraphql(stack.gatewayUrl, HISTORY, { id: ada.id }, await callerToken(from, to)),
          `${from} -> ${to}`,
        );
      }
    });

    it("ignores a caller token a client sends in the gateway's own header: the request stays anonymous", async () => {
      const response = await postGraphql<History>(stack.gatewayUrl, HISTORY, { id: ada.id }, undefined, {
        [CALLER_HEADER]: await callerToken('appointment', 'patient'),
      });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data?.patient ?? null).toBeNull();
      expect(JSON.stringify(response)).not.toMatch(/Confidential history/);
    });
  });

  describe('subgraph ports serve only the gateway and services', () => {
    it.each(SUBGRAPHS)(
      '%s answers anonymous _entities, _service and any query with 401, and keeps /health open',
      async (service) => {
        const url = urlOf(service);
        const entities = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${ENTITY_OF[service] ?? 'User'} { id } } }`;
        const id = service === 'auth' ? admin.id : service === 'patient' ? ada.id : randomUUID();
        expectRefused(
          await postGraphql(url, entities, { r: [{ __typename: ENTITY_OF[service] ?? 'User', id }] }),
          '_entities',
        );
        expectRefused(await postGraphql(url, '{ _service { sdl } }'), '_service');
        expectRefused(await postGraphql(url, '{ __typename }'), '__typename');
        expect((await fetch(`${url}/health`)).status).toBe(200);
      },
    );

    it("does not give out a user's email and role from auth's _entities without the gateway", async () => {
      const response = await fetch(`${urlOf('auth')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email role } } }',
          variables: { r: [{ __typename: 'User', id: admin.id }] },
        }),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(BOOTSTRAP_ADMIN.email);
    });

    it("refuses a user's own access token sent straight to a subgraph port without the gateway's proof", async () => {
      expectRefused(
        await postGraphql(urlOf('patient'), '{ myProfile { id medicalHistory } }', {}, ada.token),
        'myProfile',
      );
      expectRefused(await postGraphql(urlOf('patient'), HISTORY, { id: ada.id }, admin.token), 'patient(id) as admin');
      // The same request with the gateway's proof is answered: the refusal above is the missing proof.
      const relayed = await postAsGateway<{ myProfile: { medicalHistory: string | null } }>(
        'patient',
        urlOf('patient'),
        '{ myProfile { medicalHistory } }',
        {},
        ada.token,
      );
      expect(relayed.data?.myProfile.medicalHistory).toBe('Confidential history');
    });

    it('refuses a service token made for one service at another, on /graphql and on internal routes', async () => {
      const forAuth = await callerToken('gateway', 'auth');
      const atPatient = await postGraphql(urlOf('patient'), HISTORY, { id: ada.id }, admin.token, {
        [CALLER_HEADER]: forAuth,
      });
      expectRefused(atPatient, 'gateway token for auth at patient');
      expect(atPatient.errors![0].message).toMatch(/made for another service/);
      const internal = await fetch(`${urlOf('patient')}/internal/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: await callerToken('notification', 'doctor') },
        body: JSON.stringify({ ids: [ada.id] }),
      });
      expect(internal.status).toBe(401);
      expect(await internal.text()).not.toContain('ada@side-doors.e2e.test');
    });

    it('refuses an internal route to a Carebook service not on its callers list (403)', async () => {
      for (const [target, route, caller, body] of [
        ['patient', 'contacts', 'billing', { ids: [ada.id] }],
        ['auth', 'get-user', 'scheduling', { id: admin.id }],
        ['auth', 'set-user-role', 'notification', { id: ada.id, role: 'ADMIN' }],
      ] as const) {
        const response = await fetch(`${urlOf(target)}/internal/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: await callerToken(caller, target) },
          body: JSON.stringify(body),
        });
        expect({
          route,
          caller,
          status: response.status,
          code: ((await response.json()) as { error: { code: string } }).error.code,
        }).toEqual({ route, caller, status: 403, code: 'FORBIDDEN' });
      }
      // Ada is still a patient.
      expect(
        (
          await gql(
            MeDocument,
            {},
            (await gql(LoginDocument, { email: 'ada@side-doors.e2e.test', password: 'patient-password-1' })).data.login
              .accessToken,
          )
        ).data.me.role,
      ).toBe('PATIENT');
    });
  });

  describe.each<[string, MintOptions]>([
    ['a wrong audience', { audience: 'carebook-internal' }],
    ['a wrong issuer', { issuer: 'carebook-services' }],
    ['no expiry', { expiresIn: null }],
    ['an unknown role', { role: 'SUPERUSER' }],
  ])('an access token signed with auth’s own key but with %s', (_case, claims) => {
    let token: string;
    beforeAll(async () => {
      const mint = await accessTokenMinterFromKeyFile(stack.env.AUTH_KEY_FILE!);
      // The same minter with right claims is accepted: what is refused below is the claim.
      expect((await gql(MeDocument, {}, await mint({ sub: admin.id, role: 'ADMIN' }))).data.me.id).toBe(admin.id);
      token = await mint({ sub: admin.id, role: 'ADMIN', ...claims });
    });

    it('is refused at the gateway', async () => {
      expectRefused(await gql(MeDocument, {}, token), 'Me');
    });

    it('is refused at a subgraph, even relayed with the gateway’s proof', async () => {
      expectRefused(await postAsGateway('auth', urlOf('auth'), '{ me { id email } }', {}, token), 'me at auth');
    });
  });

  // Last: it spends this stack's sign-in attempts from 127.0.0.1.
  it('lets no one choose the client address: spoofed x-carebook-client-ip headers count as the real address, and never reach auth alone', async () => {
    for (let i = 1; i <= 3; i++) {
      const attempt = await gql(
        LoginDocument,
        { email: `nobody-${i}@side-doors.e2e.test`, password: 'wrong-password-1' },
        undefined,
        { [CLIENT_IP_HEADER]: `203.0.113.${i}` },
      );
      expect(errorCode(attempt)).toBe('UNAUTHENTICATED');
    }
    const blocked = await gql(
      LoginDocument,
      { email: 'nobody-4@side-doors.e2e.test', password: 'wrong-password-1' },
      undefined,
      { [CLIENT_IP_HEADER]: '203.0.113.4' },
    );
    expect(errorCode(blocked)).toBe('FORBIDDEN');
    expect(blocked.errors![0].extensions).toMatchObject({ reason: 'RATE_LIMITED' });
    expectRefused(
      await postGraphql(
        urlOf('auth'),
        operation('Login'),
        { email: 'nobody-5@side-doors.e2e.test', password: 'wrong-password-1' },
        undefined,
        { [CLIENT_IP_HEADER]: '203.0.113.5' },
      ),
      'Login at auth',
    );
  });
});
