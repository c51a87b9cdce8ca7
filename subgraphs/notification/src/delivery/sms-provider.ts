import type { Logger } from 'pino';

/** Sends one text message; throws when the provider did not accept it. */
export interface SmsProvider {
  readonly name: string;
  send(to: string, body: string, reference: string): Promise<void>;
}

export interface HttpSmsOptions {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs?: number;
}

/** A provider's refusal, with its HTTP status (the worker retries it like any failed send). */
export class SmsRejected extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`SMS provider answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'SmsRejected';
  }
}

/**
 * Twilio's REST shape, which several providers share: a form POST to
 * {base}/Accounts/{sid}/Messages.json with HTTP basic auth (sid and token).
 * The base URL is configurable so another provider or a local test server can stand in.
 */
export function httpSmsProvider(options: HttpSmsOptions): SmsProvider {
  const url = `${options.baseUrl.replace(/\/$/, '')}/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    name: 'http',
    async send(to, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ To: to, From: options.from, Body: body }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) {
        // The provider's message names the problem (e.g. an invalid number); keep it short, it goes into the log row.
        const detail = ((await response.json().catch(() => ({}))) as { message?: string }).message ?? '';
        throw new SmsRejected(response.status, detail.slice(0, 200));
      }
    },
  };
}

/** Development: no message leaves the machine; the log says one would have (ids only, never the number or text). */
export function logSmsProvider(logger: Logger): SmsProvider {
  return {
    name: 'log',
    async send(_to, body, reference) {
      logger.info({ notification: reference, characters: body.length }, 'SMS not sent (SMS_PROVIDER=log)');
    },
  };
}
