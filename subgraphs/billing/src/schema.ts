import { buildFederatedSchema } from '@carebook/platform';
import type { BillingDeps } from './deps';
import { references } from './references/billing.reference';
import { InvoiceResolver } from './resolvers/invoice.resolver';
import { AppointmentInvoiceResolver, PatientInvoicesResolver } from './resolvers/party-invoices.resolver';

/** The billing subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildBillingSchema(deps?: BillingDeps) {
  return buildFederatedSchema({
    resolvers: [InvoiceResolver, AppointmentInvoiceResolver, PatientInvoicesResolver],
    instances: deps ? [new InvoiceResolver(deps), new AppointmentInvoiceResolver(deps)] : [],
    references,
  });
}
