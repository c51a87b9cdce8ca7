/** A card charge as the provider sees it: no personal data, only the token the front end got from the provider. */
export interface ChargeRequest {
  /** Same key for a retried request: the provider charges once per key. */
  idempotencyKey: string;
  amount: string;
  currency: string;
  token: string;
  /** Our invoice id, for the provider's records. */
  reference: string;
}

export type ChargeResult = { ok: true; providerReference: string } | { ok: false; reason: string };

/**
 * The payment provider adapter. `charge` answers a decline as `{ ok: false }`;
 * it throws only when the provider could not be asked (then nothing is known
 * to be charged and the invoice stays payable).
 */
export interface PaymentProvider {
  readonly name: string;
  /** False for a clinic that takes no cards online: a card payment is refused before the invoice is touched. */
  readonly takesCards: boolean;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}
