import type { Stack } from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';

/** A row as the database gives it, before the caller says which columns it selected. */
export type Row = Record<string, unknown>;

/**
 * Runs one statement on a service's own database, as an operator would (to read an outbox or a stored column, or to
 * set up what no API call makes), and answers its rows, typed as the columns the caller selected.
 */
export async function serviceRows<T extends Row = Row>(
  stack: Stack,
  service: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const connection = await createConnection(stack.env[`${service.toUpperCase()}_DB_URL`]!);
  try {
    return (await connection.query(sql, params))[0] as T[];
  } finally {
    await connection.end();
  }
}
