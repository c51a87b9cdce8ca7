import { INVOICE_EXPORT_STATUSES } from '@carebook/platform';
import { InvoiceStatus } from '../entities/billing-enums';

it('lets the invoice export filter by exactly the statuses billing keeps', () => {
  expect([...INVOICE_EXPORT_STATUSES].sort()).toEqual(Object.values(InvoiceStatus).sort());
});
