import { operation } from '@carebook/clients';
import {
  errorCode,
  liveClient,
  LiveSubscription,
  postAsGateway,
  SmtpSink,
  SpawnedService,
  spawnService,
  Stack,
  startSmtpSink,
  startStack,
  stringMatching,
  untilSubscribed,
} from '@carebook/platform/testing';
import {
  ChangePasswordDocument,
  DeactivateUserDocument,
  LoginDocument,
  LogoutDocument,
  LogoutEverywhereDocument,
  MeDocument,
  RefreshSessionDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  SetUserRoleDocument,
  UsersDocument,
} from '@carebook/sdk';
import { Clinic } from './lib/clinic';
import { ContractCall, contractCall } from './lib/contract-call';

/**
 * Accounts end to end through the gateway, with the contract's documents:
 * password change and reset (the email really sent over SMTP), sign-out on
 * one device and everywhere, and revocation: after each of them, and after
 * an admin deactivates a user or changes their role, the user's old access
 * token is refused within 5 s by the gateway and straight at subgraph ports,
 * and their open live subscription is ended. Also the client address behind
 * a trusted proxy (TRUSTED_PROXIES), as the sign-in throttle sees it.
 */
describe('accounts end to end through the gateway', () => {
  const APP_URL = 'https://app.e2e.carebook.test';
  let stack: Stack;
  let sink: SmtpSink;
  let untrusting: SpawnedService;
  let admin: string;
  let licence = 0;
  const clients: Array<ReturnType<typeof liveClient>> = [];

  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];

  type Session = { accessToken: string; refreshToken: string };

  async function signIn(email: string, password: string): Promise<Session> {
    return (await ok(LoginDocument, { email, password })).login;
  }

  /** A doctor made by the admin (doctors and admins may follow schedules live), signed in once. */
  async function newDoctor(tag: string) {
    const email = `dr-${tag}@accounts.e2e.test`;
    const password = 'doctor-password-1';
    licence += 1;
    const id = await clinic.createDoctor({ email, password, name: `Dr ${tag}`, licenseNumber: `AC-${licence}` });
    return { id, email, password, session: await signIn(email, password) };
  }

  /** Where a subgraph listens, for requests that bypass the gateway. */
  const subgraph = (name: 'doctor' | 'admin') => `${stack.services.get(name)!.url}/graphql`;

  /** The token works at the gateway and straight at two subgraphs. */
  async function expectAccepted(token: string): Promise<void> {
    expect((await gql(MeDocument, {}, token)).errors).toBeUndefined();
    for (const name of ['doctor', 'admin'] as const)
      expect((await postAsGateway(name, subgraph(name), '{ __typename }', {}, token)).errors).toBeUndefined();
  }

  /** Polls until the gateway and both subgraphs refuse the token (UNAUTHENTICATED), for at most 5 s. */
  async function expectRefusedWithin5s(token: string): Promise<void> {
    const deadline = Date.now() + 5000;
    const places = [
      () => gql(MeDocument, {}, token),
      () => postAsGateway('doctor', subgraph('doctor'), '{ __typename }', {}, token),
      () => postAsGateway('admin', subgraph('admin'), '{ __typename }', {}, token),
    ];
    for (const ask of places) {
      for (;;) {
        const response = await ask();
        if (errorCode(response) === 'UNAUTHENTICATED') {
          expect(response.errors![0].extensions).toMatchObject({ reason: 'SESSION_REVOKED' });
          break;
        }
        if (Date.now() > deadline)
          throw new Error(`a revoked token was still accepted after 5 s: ${JSON.stringify(response)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async function liveSubscriptions(): Promise<number> {
    const health = (await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/health'))).json()) as {
      live: { subscriptions: number };
    };
    return health.live.subscriptions;
  }

  /** Opens the contract's ScheduleChanged with the token, and waits until the gateway counts it. */
  async function follow(
    token: string,
    doctorId?: string,
  ): Promise<{ subscription: LiveSubscription; closes: Array<{ code: number; reason: string }> }> {
    const before = await liveSubscriptions();
    const client = liveClient(stack.gatewayUrl, token);
    clients.push(client);
    const subscription = client.subscribe(operation('ScheduleChanged'), doctorId ? { doctorId } : {});
    await untilSubscribed(stack.gatewayUrl, before + 1);
    return { subscription, closes: client.closes };
  }

  /** The subscription ends within 5 s, its socket closed with 4403 and the reason. */
  async function expectEnded(live: {
    subscription: LiveSubscription;
    closes: Array<{ code: number; reason: string }>;
  }): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      live.subscription.ended,
      new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 5000))),
    ]).finally(() => clearTimeout(timer));
    expect(outcome).not.toBe('still open');
    expect(live.closes).toContainEqual({ code: 4403, reason: stringMatching(/session has ended/) });
  }

  /** The reset token of the link emailed to `to` since `after`. */
  async function emailedResetToken(to: string, after: number): Promise<string> {
    const mails = await sink.waitFor((messages) => messages.some((m) => m.to.includes(to) && m.at >= after), 30_000);
    const parsed = await mails.find((m) => m.to.includes(to) && m.at >= after)!.parsed();
    expect(parsed.subject).toBe('Reset your Carebook password');
    const link = new RegExp(`${APP_URL.replace(/\./g, '\\.')}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(
      parsed.text ?? '',
    );
    expect(link).not.toBeNull();
    return link![1];
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The test talks to the gateway from 127.0.0.1, which it thus trusts as a proxy: X-Forwarded-For names the client.
    stack = await startStack(['auth', 'patient', 'doctor', 'admin'], {
      SMTP_URL: sink.url,
      APP_URL,
      TRUSTED_PROXIES: '127.0.0.1',
    });
    clinic = await Clinic.open(stack);
    ({ gql, ok, admin } = clinic);
    untrusting = await spawnService('gateway', Number(new URL(stack.gatewayUrl).port) + 20, {
      ...stack.env,
      TRUSTED_PROXIES: '',
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await untrusting?.stop();
    await stack?.stop();
    await sink?.stop();
  });

  it('changePassword needs the current password, ends every other session and its live subscription, and continues this one', async () => {
    const doctor = await newDoctor('change');
    const other = await signIn(doctor.email, doctor.password);
    const live = await follow(other.accessToken, doctor.id);
    await expectAccepted(other.accessToken);

    const wrong = await gql(
      ChangePasswordDocument,
      { currentPassword: 'not-my-password', newPassword: 'changed-password-2' },
      doctor.session.accessToken,
    );
    expect(wrong.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
    const changed = (
      await ok(
        ChangePasswordDocument,
        { currentPassword: doctor.password, newPassword: 'changed-password-2' },
        doctor.session.accessToken,
      )
    ).changePassword;
    expect(changed.user).toMatchObject({ id: doctor.id, role: 'DOCTOR' });

    await expectRefusedWithin5s(other.accessToken);
    await expectRefusedWithin5s(doctor.session.accessToken);
    await expectEnded(live);
    expect(errorCode(await gql(RefreshSessionDocument, { refreshToken: other.refreshToken }))).toBe('UNAUTHENTICATED');
    await expectAccepted(changed.accessToken);
    expect(errorCode(await gql(LoginDocument, { email: doctor.email, password: doctor.password }))).toBe(
      'UNAUTHENTICATED',
    );
    await signIn(doctor.email, 'changed-password-2');
  });

  it('resets a password by email: same answer for any email, a single-use link to APP_URL, every session and live subscription ended', async () => {
    const doctor = await newDoctor('reset');
    const live = await follow(doctor.session.accessToken, doctor.id);
    const before = Date.now();
    const unknown = await gql(RequestPasswordResetDocument, { email: 'nobody@accounts.e2e.test' });
    const known = await gql(RequestPasswordResetDocument, { email: doctor.email });
    expect(known).toEqual(unknown);
    expect(known.data).toEqual({ requestPasswordReset: true });
    const token = await emailedResetToken(doctor.email, before);
    expect(sink.messages.filter((m) => m.at >= before).flatMap((m) => m.to)).toEqual([doctor.email]);

    expect((await gql(ResetPasswordDocument, { token, newPassword: 'short' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
    });
    expect((await ok(ResetPasswordDocument, { token, newPassword: 'reset-password-3' })).resetPassword).toBe(true);
    await expectRefusedWithin5s(doctor.session.accessToken);
    await expectEnded(live);
    expect(errorCode(await gql(RefreshSessionDocument, { refreshToken: doctor.session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await gql(LoginDocument, { email: doctor.email, password: doctor.password }))).toBe(
      'UNAUTHENTICATED',
    );
    await expectAccepted((await signIn(doctor.email, 'reset-password-3')).accessToken);
    expect(
      (await gql(ResetPasswordDocument, { token, newPassword: 'another-password-4' })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('logout ends this refresh-token family only', async () => {
    const doctor = await newDoctor('logout');
    const elsewhere = await signIn(doctor.email, doctor.password);
    expect((await ok(LogoutDocument, { refreshToken: doctor.session.refreshToken })).logout).toBe(true);
    expect(errorCode(await gql(RefreshSessionDocument, { refreshToken: doctor.session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await gql(RefreshSessionDocument, { refreshToken: elsewhere.refreshToken })).errors).toBeUndefined();
    expect((await gql(LogoutDocument, { refreshToken: 'no-such-refresh-token' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('logoutEverywhere refuses every access token of the user and ends their live subscription; signing in again works at once', async () => {
    const doctor = await newDoctor('everywhere');
    const elsewhere = await signIn(doctor.email, doctor.password);
    const live = await follow(elsewhere.accessToken, doctor.id);
    await expectAccepted(elsewhere.accessToken);
    expect((await ok(LogoutEverywhereDocument, {}, doctor.session.accessToken)).logoutEverywhere).toBe(true);
    await expectRefusedWithin5s(doctor.session.accessToken);
    await expectRefusedWithin5s(elsewhere.accessToken);
    await expectEnded(live);
    for (const session of [doctor.session, elsewhere])
      expect(errorCode(await gql(RefreshSessionDocument, { refreshToken: session.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
    await expectAccepted((await signIn(doctor.email, doctor.password)).accessToken);
  });

  it("deactivateUser refuses the user's access token everywhere within 5 s and ends their live subscription", async () => {
    const doctor = await newDoctor('leaver');
    const live = await follow(doctor.session.accessToken, doctor.id);
    await expectAccepted(doctor.session.accessToken);
    expect(
      (await ok(DeactivateUserDocument, { userId: doctor.id, reason: 'Left the clinic' }, admin)).deactivateUser,
    ).toEqual({ id: doctor.id, active: false });
    await expectRefusedWithin5s(doctor.session.accessToken);
    await expectEnded(live);
  });

  it('setUserRole takes ADMIN from a demoted admin within 5 s (tokens and live subscription), and their next sign-in carries the new role', async () => {
    const doctor = await newDoctor('promoted');
    expect((await ok(SetUserRoleDocument, { userId: doctor.id, role: 'ADMIN' }, admin)).setUserRole).toEqual({
      id: doctor.id,
      role: 'ADMIN',
    });
    const asAdmin = await signIn(doctor.email, doctor.password);
    expect((await gql(UsersDocument, { first: 1 }, asAdmin.accessToken)).errors).toBeUndefined();
    // An admin may follow every schedule.
    const live = await follow(asAdmin.accessToken);

    expect((await ok(SetUserRoleDocument, { userId: doctor.id, role: 'DOCTOR' }, admin)).setUserRole).toEqual({
      id: doctor.id,
      role: 'DOCTOR',
    });
    const demoted = await signIn(doctor.email, doctor.password);
    await expectRefusedWithin5s(asAdmin.accessToken);
    await expectEnded(live);
    expect((await ok(MeDocument, {}, demoted.accessToken)).me.role).toBe('DOCTOR');
    expect(errorCode(await gql(UsersDocument, { first: 1 }, demoted.accessToken))).toBe('FORBIDDEN');
  });

  it('throttles sign-in per client address taken from X-Forwarded-For only behind a trusted proxy', async () => {
    const doctor = await newDoctor('throttled');
    const loginVia = (url: string, forwardedFor: string, password: string) =>
      contractCall(url)(LoginDocument, { email: doctor.email, password }, undefined, {
        'x-forwarded-for': forwardedFor,
      });

    // The trusting gateway: failures from one client address lock the account there only.
    for (let i = 0; i < 5; i++)
      expect(errorCode(await loginVia(stack.gatewayUrl, '203.0.113.1', 'wrong-password'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await loginVia(stack.gatewayUrl, '203.0.113.1', doctor.password))).toBe('FORBIDDEN');
    expect((await loginVia(stack.gatewayUrl, '203.0.113.2', doctor.password)).errors).toBeUndefined();

    // A gateway that trusts no proxy ignores the header: a client cannot dodge the limit by writing a new address in it.
    const untrustingUrl = `${untrusting.url}/graphql`;
    for (let i = 0; i < 5; i++)
      expect(errorCode(await loginVia(untrustingUrl, `198.51.100.${i}`, 'wrong-password'))).toBe('UNAUTHENTICATED');
    const dodging = await loginVia(untrustingUrl, '198.51.100.99', doctor.password);
    expect(dodging.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'RATE_LIMITED' } });
  });
});
