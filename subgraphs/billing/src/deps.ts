import type { AppointmentLookup } from './clients/appointment-lookup';
import type { Fees } from './domain/invoice-lines';
import type { PaymentDeps } from './use-cases/payment';

/** What the billing resolvers need besides the request's entity manager. */
export interface BillingDeps extends PaymentDeps {
  fees: Fees;
  appointments: AppointmentLookup;
}
