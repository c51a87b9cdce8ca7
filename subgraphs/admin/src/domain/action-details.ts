import { BadUserInput } from '@carebook/platform';

export const MAX_DETAILS_LENGTH = 2000;

/**
 * Keys whose values must never sit in the audit log. The log is read by every
 * admin and kept forever, so secrets, contact data and medical data stay in
 * the services that protect them; the log holds ids and plain facts.
 */
const SENSITIVE_KEY = /password|secret|token|phone|email|birth|history|diagnos|notes|address/i;

function sensitiveKeysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => sensitiveKeysOf(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = path ? `${path}.${key}` : key;
    return [...(SENSITIVE_KEY.test(key) ? [here] : []), ...sensitiveKeysOf(inner, here)];
  });
}

/**
 * The details of a log entry as the JSON text that is stored: refuses keys
 * that name sensitive data and anything too long to be a short summary.
 */
export function serialiseDetails(details: Record<string, unknown> | undefined): string {
  const text = JSON.stringify(details ?? {});
  const sensitive = sensitiveKeysOf(details ?? {});
  if (sensitive.length) {
    throw new BadUserInput(
      `details may not carry sensitive data (${sensitive.join(', ')}); record ids and plain facts instead.`,
      'details',
    );
  }
  if (text.length > MAX_DETAILS_LENGTH) {
    throw new BadUserInput(
      `details must be a short JSON object of at most ${MAX_DETAILS_LENGTH} characters; got ${text.length}.`,
      'details',
    );
  }
  return text;
}
