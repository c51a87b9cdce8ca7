import type { AppointmentLookup } from './appointment-lookup';
import type { Fees } from './invoice-lines';
import type { PaymentDeps } from './payment';

/** What the billing resolvers need besides the request's entity manager. */
export interface BillingDeps extends PaymentDeps {
  fees: Fees;
  appointments: AppointmentLookup;
}
