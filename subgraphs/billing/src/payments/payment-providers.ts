import { developmentProvider } from './development-provider';
import { noCardProvider } from './no-card-provider';
import type { PaymentProvider } from './payment-provider';

/** The names PAYMENT_PROVIDER accepts; production refuses `development` (platform production settings). */
export const PAYMENT_PROVIDERS = ['development', 'none'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The provider named by PAYMENT_PROVIDER. */
export function paymentProviderFor(name: PaymentProviderName): PaymentProvider {
  switch (name) {
    case 'development':
      return developmentProvider();
    case 'none':
      return noCardProvider();
  }
}
