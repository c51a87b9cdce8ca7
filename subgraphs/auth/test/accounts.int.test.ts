import { createRedis, Role, ServiceClient } from '@carebook/platform';
import {
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  postAsGateway,
  serviceClientAs,
  SmtpSink,
  startSmtpSink,
  stringMatching,
} from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuth } from '../src/app';
import { loadAuthConfig } from '../src/config';
import {
  AccountLoginDocument,
  AccountRefreshDocument,
  ChangePasswordDocument,
  LogoutDocument,
  LogoutEverywhereDocument,
  MeDocument,
  RequestResetDocument,
  ResetPasswordDocument,
} from './generated/operations';

const APP_URL = 'https://app.clinic.test/';

/** Polls until the token is refused (UNAUTHENTICATED); resolves with the refusal. */
async function untilRefused(url: string, token: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await postAsGateway('auth', url, MeDocument, {}, token);
    if (errorCode(response) === 'UNAUTHENTICATED') return response;
    if (Date.now() > deadline)
      throw new Error(`the token was still accepted after ${timeoutMs} ms: ${JSON.stringify(response)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('accounts: password change and reset, sign-out, revocation (auth against MariaDB, Redis and an SMTP server)', () => {
  const databaseUrl = freshDatabaseUrl('auth');
  const prefix = `test-accounts-${process.pid}-${Date.now()}`;
  const baseEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_PORT: '0',
    REDIS_PREFIX: prefix,
    AUTH_DB_URL: databaseUrl,
    AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'carebook-accounts-')), 'key.json'),
    APP_URL,
    PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '3',
  };
  let auth: Awaited<ReturnType<typeof startAuth>>;
  let sink: SmtpSink;
  let url: string;
  let services: ServiceClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    auth = await startAuth(loadAuthConfig({ ...baseEnv, SMTP_URL: sink.url }));
    url = auth.url;
    services = serviceClientAs('admin', { AUTH_URL: url });
  });

  afterAll(async () => {
    await auth?.stop();
    await sink?.stop();
    await dropDatabase(databaseUrl);
  });

  /** A signed-up doctor, made through the internal routes the admin service uses. */
  async function newUser(password = 'first-password-1') {
    const email = `user-${randomUUID().slice(0, 8)}@carebook.test`;
    const { id } = await services.call<{ id: string }>('auth', 'create-user', { email, password, role: Role.DOCTOR });
    await services.call('auth', 'confirm-user', { id });
    return { id, email, password };
  }

  async function signIn(email: string, password: string) {
    const response = await postAsGateway('auth', url, AccountLoginDocument, { email, password });
    expect(response.errors).toBeUndefined();
    return response.data!.login;
  }

  async function query(sql: string, params: unknown[]) {
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as Array<Record<string, unknown>>;
    } finally {
      await connection.end();
    }
  }

  async function resetLinkSentTo(email: string, after: number): Promise<string> {
    const [mail] = (
      await sink.waitFor((messages) => messages.some((m) => m.to.includes(email) && m.at >= after), 15_000)
    ).filter((m) => m.to.includes(email) && m.at >= after);
    const parsed = await mail.parsed();
    expect(parsed.subject).toBe('Reset your Carebook password');
    const link = /https:\/\/app\.clinic\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(parsed.text ?? '');
    expect(link).not.toBeNull();
    return link![1];
  }

  describe('changePassword', () => {
    it('needs the right current password and a valid new one, and changes nothing otherwise', async () => {
      const user = await newUser();
      const session = await signIn(user.email, user.password);
      const wrong = await postAsGateway(
        'auth',
        url,
        ChangePasswordDocument,
        { c: 'not-the-password', n: 'second-password-2' },
        session.accessToken,
      );
      expect(wrong.errors![0]).toMatchObject({
        message: 'The current password is wrong.',
        extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
      });
      const short = await postAsGateway(
        'auth',
        url,
        ChangePasswordDocument,
        { c: user.password, n: 'short' },
        session.accessToken,
      );
      expect(short.errors![0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'newPassword' },
        message: stringMatching(/newPassword must be at least 10 characters/),
      });
      expect(
        errorCode(
          await postAsGateway('auth', url, ChangePasswordDocument, { c: user.password, n: 'second-password-2' }),
        ),
      ).toBe('UNAUTHENTICATED');
      // Nothing changed: the session and the password still work.
      expect((await postAsGateway('auth', url, MeDocument, {}, session.accessToken)).errors).toBeUndefined();
      await signIn(user.email, user.password);
    });

    it('ends every other session (access and refresh tokens) and continues this one with the tokens returned', async () => {
      const user = await newUser();
      const other = await signIn(user.email, user.password);
      const current = await signIn(user.email, user.password);
      const changed = await postAsGateway(
        'auth',
        url,
        ChangePasswordDocument,
        { c: user.password, n: 'second-password-2' },
        current.accessToken,
      );
      expect(changed.errors).toBeUndefined();
      const renewed = changed.data!.changePassword;
      expect(renewed.user.id).toBe(user.id);

      expect((await untilRefused(url, other.accessToken)).errors![0].extensions).toMatchObject({
        reason: 'SESSION_REVOKED',
      });
      await untilRefused(url, current.accessToken);
      expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: other.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: current.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );

      expect((await postAsGateway('auth', url, MeDocument, {}, renewed.accessToken)).data!.me.id).toBe(user.id);
      expect(
        (await postAsGateway('auth', url, AccountRefreshDocument, { t: renewed.refreshToken })).errors,
      ).toBeUndefined();
      expect(
        errorCode(
          await postAsGateway('auth', url, AccountLoginDocument, { email: user.email, password: user.password }),
        ),
      ).toBe('UNAUTHENTICATED');
      await signIn(user.email, 'second-password-2');
    });
  });

  describe('password reset', () => {
    it('answers the same for an unknown email and sends nothing; refuses a malformed one', async () => {
      const before = Date.now();
      const unknown = await postAsGateway('auth', url, RequestResetDocument, {
        email: `nobody-${randomUUID()}@carebook.test`,
      });
      expect(unknown).toMatchObject({ data: { requestPasswordReset: true } });
      expect(unknown.errors).toBeUndefined();
      const user = await newUser();
      const known = await postAsGateway('auth', url, RequestResetDocument, { email: user.email.toUpperCase() });
      expect(known).toEqual(unknown);
      await resetLinkSentTo(user.email, before);
      expect(sink.messages.filter((m) => m.at >= before)).toHaveLength(1);

      const malformed = await postAsGateway('auth', url, RequestResetDocument, { email: 'not-an-email' });
      expect(malformed.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'email' } });
    });

    it('emails a single-use link to APP_URL/reset-password, keeps only its hash, and ends every session on reset', async () => {
      const user = await newUser();
      const session = await signIn(user.email, user.password);
      const before = Date.now();
      expect(
        (await postAsGateway('auth', url, RequestResetDocument, { email: user.email })).data!.requestPasswordReset,
      ).toBe(true);
      const token = await resetLinkSentTo(user.email, before);

      const rows = await query('select * from password_reset_tokens where user_id = ?', [user.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);
      expect((rows[0].expires_at as Date).getTime() - (rows[0].created_at as Date).getTime()).toBe(30 * 60_000);
      // Nor is it anywhere in Redis (no job, no cache).
      const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableOfflineQueue: true });
      try {
        for (const key of await redis.keys(`${prefix}:*`)) {
          const type = await redis.type(key);
          const value =
            type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : '';
          expect(`${key} ${value}`).not.toContain(token);
        }
      } finally {
        redis.disconnect();
      }

      expect(
        (await postAsGateway('auth', url, ResetPasswordDocument, { token, p: 'short' })).errors![0].extensions,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'newPassword',
      });
      const reset = await postAsGateway('auth', url, ResetPasswordDocument, { token, p: 'reset-password-3' });
      expect(reset).toMatchObject({ data: { resetPassword: true } });
      await untilRefused(url, session.accessToken);
      expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: session.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        errorCode(
          await postAsGateway('auth', url, AccountLoginDocument, { email: user.email, password: user.password }),
        ),
      ).toBe('UNAUTHENTICATED');
      await signIn(user.email, 'reset-password-3');

      const again = await postAsGateway('auth', url, ResetPasswordDocument, { token, p: 'another-password-4' });
      expect(again.errors![0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'token' },
        message: stringMatching(/already used or has expired; ask for a new one/),
      });
      await signIn(user.email, 'reset-password-3');
    });

    it('refuses an expired token, and one replaced by a newer request', async () => {
      const user = await newUser();
      let before = Date.now();
      await postAsGateway('auth', url, RequestResetDocument, { email: user.email });
      const first = await resetLinkSentTo(user.email, before);
      before = Date.now();
      await postAsGateway('auth', url, RequestResetDocument, { email: user.email });
      const second = await resetLinkSentTo(user.email, before);
      expect(second).not.toBe(first);
      expect(
        errorCode(await postAsGateway('auth', url, ResetPasswordDocument, { token: first, p: 'reset-password-3' })),
      ).toBe('BAD_USER_INPUT');

      await query('update password_reset_tokens set expires_at = ? where token_hash = ?', [
        new Date(Date.now() - 1000),
        createHash('sha256').update(second).digest('hex'),
      ]);
      expect(
        errorCode(await postAsGateway('auth', url, ResetPasswordDocument, { token: second, p: 'reset-password-3' })),
      ).toBe('BAD_USER_INPUT');
      await signIn(user.email, user.password);
    });

    it('lets one of two concurrent uses of a link succeed', async () => {
      const user = await newUser();
      const before = Date.now();
      await postAsGateway('auth', url, RequestResetDocument, { email: user.email });
      const token = await resetLinkSentTo(user.email, before);
      const results = await Promise.all([
        postAsGateway('auth', url, ResetPasswordDocument, { token, p: 'parallel-password-a' }),
        postAsGateway('auth', url, ResetPasswordDocument, { token, p: 'parallel-password-b' }),
      ]);
      expect(results.filter((r) => r.data?.resetPassword === true)).toHaveLength(1);
      expect(results.filter((r) => errorCode(r) === 'BAD_USER_INPUT')).toHaveLength(1);
    });

    it('limits requests per email (3 per hour here), known or not, with the same answer', async () => {
      const email = `flood-${randomUUID().slice(0, 8)}@carebook.test`;
      for (let i = 0; i < 3; i++)
        expect((await postAsGateway('auth', url, RequestResetDocument, { email })).data!.requestPasswordReset).toBe(
          true,
        );
      const refused = await postAsGateway('auth', url, RequestResetDocument, { email });
      expect(refused.errors![0]).toMatchObject({
        extensions: { code: 'FORBIDDEN', reason: 'RATE_LIMITED' },
        message: stringMatching(/Too many password resets were asked for this email/),
      });
    });
  });

  describe('logout and logoutEverywhere', () => {
    it('logout ends this refresh-token family only', async () => {
      const user = await newUser();
      const here = await signIn(user.email, user.password);
      const there = await signIn(user.email, user.password);
      const rotated = (await postAsGateway('auth', url, AccountRefreshDocument, { t: here.refreshToken })).data!
        .refreshSession;
      expect(await postAsGateway('auth', url, LogoutDocument, { t: rotated.refreshToken })).toMatchObject({
        data: { logout: true },
      });
      expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: rotated.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        (await postAsGateway('auth', url, AccountRefreshDocument, { t: there.refreshToken })).errors,
      ).toBeUndefined();
      // Signing out twice is no error; an unknown token is.
      expect(await postAsGateway('auth', url, LogoutDocument, { t: rotated.refreshToken })).toMatchObject({
        data: { logout: true },
      });
      expect(
        (await postAsGateway('auth', url, LogoutDocument, { t: 'not-a-refresh-token' })).errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'refreshToken' });
    });

    it('logoutEverywhere ends every session, access tokens included; signing in again works at once', async () => {
      const user = await newUser();
      const here = await signIn(user.email, user.password);
      const there = await signIn(user.email, user.password);
      expect(errorCode(await postAsGateway('auth', url, LogoutEverywhereDocument))).toBe('UNAUTHENTICATED');
      expect(await postAsGateway('auth', url, LogoutEverywhereDocument, {}, here.accessToken)).toMatchObject({
        data: { logoutEverywhere: true },
      });
      await untilRefused(url, here.accessToken);
      await untilRefused(url, there.accessToken);
      for (const session of [here, there])
        expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: session.refreshToken }))).toBe(
          'UNAUTHENTICATED',
        );
      const fresh = await signIn(user.email, user.password);
      expect((await postAsGateway('auth', url, MeDocument, {}, fresh.accessToken)).data!.me.id).toBe(user.id);
    });
  });

  describe('revocation on deactivation and role change (the routes the admin service calls)', () => {
    it('refuses the old token after a role change, while a sign-in right after it carries the new role', async () => {
      const user = await newUser();
      const session = await signIn(user.email, user.password);
      await services.call('auth', 'set-user-role', { id: user.id, role: Role.ADMIN });
      const fresh = await signIn(user.email, user.password);
      expect(fresh.user.role).toBe('ADMIN');
      await untilRefused(url, session.accessToken);
      expect((await postAsGateway('auth', url, MeDocument, {}, fresh.accessToken)).data!.me).toEqual({
        id: user.id,
        role: 'ADMIN',
      });
    });

    it('refuses the token of a deactivated user', async () => {
      const user = await newUser();
      const session = await signIn(user.email, user.password);
      await services.call('auth', 'deactivate-user', { id: user.id });
      await untilRefused(url, session.accessToken);
      expect(errorCode(await postAsGateway('auth', url, AccountRefreshDocument, { t: session.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('changes nothing when the revocation cannot be recorded (Redis unreachable)', async () => {
      const user = await newUser();
      // A second auth instance on the same database whose Redis is unreachable.
      const cutOff = await startAuth(
        loadAuthConfig({ ...baseEnv, REDIS_URL: 'redis://127.0.0.1:9', SMTP_URL: sink.url }),
      );
      try {
        const viaCutOff = serviceClientAs('admin', { AUTH_URL: cutOff.url });
        for (const [route, body] of [
          ['deactivate-user', { id: user.id }],
          ['set-user-role', { id: user.id, role: Role.PATIENT }],
        ] as const) {
          await expect(viaCutOff.call('auth', route, body)).rejects.toMatchObject({
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
            message: stringMatching(/nothing was changed/),
          });
        }
        const [row] = await query('select active, role from users where id = ?', [user.id]);
        expect(row).toMatchObject({ active: 1, role: 'DOCTOR' });
        await signIn(user.email, user.password);
        // Its own verifier cannot check revocations: it refuses user tokens rather than honour possibly revoked ones.
        const session = await signIn(user.email, user.password);
        const refused = await postAsGateway('auth', cutOff.url, MeDocument, {}, session.accessToken);
        expect(refused.errors![0]).toMatchObject({
          extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_CHECK_UNAVAILABLE' },
        });
      } finally {
        await cutOff.stop();
      }
    }, 60_000);
  });
});
