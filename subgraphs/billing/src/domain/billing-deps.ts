import type { AppointmentLookup } from './appointment-lookup';
import type { PaymentDeps } from './payment';

/** What the billing resolvers need besides the request's entity manager. */
export interface BillingDeps extends PaymentDeps {
  noShowFee: string | null;
  appointments: AppointmentLookup;
}
