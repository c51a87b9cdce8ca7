import type { PaymentProvider } from './payment-provider';

/**
 * PAYMENT_PROVIDER=none: the clinic takes no card payments online (staff
 * record cash and insurance). What production runs until a real provider's
 * adapter is plugged in: it never pretends to have charged a card.
 */
export function noCardProvider(): PaymentProvider {
  return {
    name: 'none',
    takesCards: false,
    async charge() {
      throw new Error('PAYMENT_PROVIDER=none takes no card payments; payInvoice refuses them before charging.');
    },
  };
}
