import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { spreadsheetSafe } from './spreadsheet-safe';

export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined;
}

/**
 * CSV text (header line first, RFC 4180 quoting by csv-stringify, every cell
 * spreadsheet-safe) from rows that arrive in batches. The next batch is asked
 * for only when the reader has taken the previous one, so memory holds about
 * one batch whatever the export's size; a failing batch source fails the
 * stream (the reader sees an aborted transfer, never a silently short file).
 */
export function csvStream<T>(columns: CsvColumn<T>[], batches: AsyncIterable<T[]>): Readable {
  async function* records() {
    for await (const batch of batches) {
      for (const row of batch) yield columns.map((column) => spreadsheetSafe(column.value(row)));
    }
  }
  const csv = stringify({ header: true, columns: columns.map((column) => column.header) });
  return pipeline(Readable.from(records()), csv, () => undefined);
}
