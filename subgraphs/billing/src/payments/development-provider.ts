import { createHash } from 'node:crypto';
import type { ChargeRequest, ChargeResult, PaymentProvider } from './payment-provider';

/** The token that the development provider declines, to try the failure path. */
export const DECLINED_TEST_TOKEN = 'tok_declined';

/**
 * For development and tests: accepts every card token except `tok_declined`,
 * charges nothing real. Its references derive from the idempotency key, as
 * a real provider answers a repeated key with the first charge.
 */
export function developmentProvider(): PaymentProvider {
  return {
    name: 'development',
    takesCards: true,
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      if (request.token === DECLINED_TEST_TOKEN) return { ok: false, reason: 'The card was declined by the issuer.' };
      return {
        ok: true,
        providerReference: `dev_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`,
      };
    },
  };
}
