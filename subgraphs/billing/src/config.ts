import { clinicTimeZoneSchema, loadServiceConfig } from '@carebook/platform';
import { z } from 'zod';
import { isAmount } from './domain/money';
import { PAYMENT_PROVIDERS } from './payments/payment-providers';

/** The billing service's settings beyond the common ones (see .env.example). */
export function loadBillingConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadServiceConfig(
    'billing',
    {
      /** The clinic's zone: the days of an invoice export are its days. */
      CLINIC_TIME_ZONE: clinicTimeZoneSchema(),
      /**
       * Which payment-provider adapter charges cards: `development` accepts any token except tok_declined
       * (refused in production), `none` takes no cards (staff record cash and insurance).
       */
      PAYMENT_PROVIDER: z
        .enum(PAYMENT_PROVIDERS, { errorMap: () => ({ message: `must be one of ${PAYMENT_PROVIDERS.join(', ')}` }) })
        .default('development'),
      /** Fee invoiced for a no-show, like "15.00"; unset: no-shows are not invoiced. */
      NO_SHOW_FEE: z
        .string()
        .refine(
          (value) => value === '' || isAmount(value),
          'must be an amount like "15.00" (up to two decimals), or empty for none',
        )
        .optional()
        .transform((value) => value || null),
      /** Fee invoiced when a patient cancels or moves inside the cancellation window, like "10.00"; unset: none. */
      LATE_CANCEL_FEE: z
        .string()
        .refine(
          (value) => value === '' || isAmount(value),
          'must be an amount like "10.00" (up to two decimals), or empty for none',
        )
        .optional()
        .transform((value) => value || null),
    },
    source,
  );
}

export type BillingConfig = ReturnType<typeof loadBillingConfig>;
