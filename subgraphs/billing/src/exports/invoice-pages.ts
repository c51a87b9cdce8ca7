import { exportRangeInstants, InvoiceExportFilter, keysetPages } from '@carebook/platform';
import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import { InvoiceStatus } from '../entities/billing-enums';
import { Invoice } from '../entities/invoice.entity';

/** What an export row needs of an invoice (its lines and payment attempts stay out). */
export const EXPORTED_FIELDS = [
  'id',
  'appointmentId',
  'patientId',
  'amount',
  'currency',
  'status',
  'issuedAt',
  'paidAt',
] as const;
export type ExportedInvoice = Pick<Invoice, (typeof EXPORTED_FIELDS)[number]>;

/** The invoices of an export (issued on the clinic's days asked for) in pages, ordered by (issuedAt, id). */
export function invoicePages(
  orm: MikroORM,
  filter: InvoiceExportFilter,
  zone: string,
  batchSize?: number,
): AsyncGenerator<ExportedInvoice[]> {
  const { start, end } = exportRangeInstants(filter, zone);
  const where: FilterQuery<Invoice> = {
    issuedAt: { $gte: start, $lt: end },
    ...(filter.status ? { status: filter.status as InvoiceStatus } : {}),
  };
  return keysetPages(orm, Invoice, where, 'issuedAt', EXPORTED_FIELDS, batchSize);
}
