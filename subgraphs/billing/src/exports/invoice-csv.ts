import {
  contractClient,
  CsvColumn,
  csvStream,
  InvoiceExportFilter,
  patientContract,
  ServiceClient,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { Readable } from 'node:stream';
import { ExportedInvoice, invoicePages } from './invoice-pages';

type Row = { invoice: ExportedInvoice; patientName: string };

/** The columns of invoices.csv (README, Exports); times are ISO instants in UTC. */
export const INVOICE_COLUMNS: CsvColumn<Row>[] = [
  { header: 'invoice_id', value: (r) => r.invoice.id },
  { header: 'appointment_id', value: (r) => r.invoice.appointmentId },
  { header: 'patient_id', value: (r) => r.invoice.patientId },
  { header: 'patient_name', value: (r) => r.patientName },
  { header: 'amount', value: (r) => r.invoice.amount },
  { header: 'currency', value: (r) => r.invoice.currency },
  { header: 'status', value: (r) => r.invoice.status },
  { header: 'issued_at_utc', value: (r) => r.invoice.issuedAt.toISOString() },
  { header: 'paid_at_utc', value: (r) => r.invoice.paidAt?.toISOString() ?? '' },
];

/** invoices.csv for a filter, page by page as it is read; patient names are asked of the patient service once per page. */
export function invoiceCsv(
  orm: MikroORM,
  client: ServiceClient,
  filter: InvoiceExportFilter,
  zone: string,
  batchSize?: number,
): Readable {
  const patient = contractClient(patientContract, client);
  async function* rows() {
    for await (const page of invoicePages(orm, filter, zone, batchSize)) {
      const ids = [...new Set(page.map((invoice) => invoice.patientId))];
      const { names } = await patient.names({ ids });
      const nameOf = new Map(names.map((p) => [p.id, p.name]));
      yield page.map((invoice) => ({ invoice, patientName: nameOf.get(invoice.patientId) ?? '' }));
    }
  }
  return csvStream(INVOICE_COLUMNS, rows());
}
