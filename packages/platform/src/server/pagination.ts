import { Directive, Field, ObjectType } from 'type-graphql';
import { BadUserInput } from '../errors/app-errors';

/** Relay-style page info; @shareable because several subgraphs return it. */
@Directive('@shareable')
@ObjectType({ description: 'Where a page of results sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface KeysetCursor {
  /** The ordering value of the last row seen (an ISO instant). */
  at: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string | null | undefined): KeysetCursor | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // fall through to the error below
  }
  throw new BadUserInput(
    'The cursor "after" is not one this list gave out; pass endCursor from the previous page.',
    'after',
  );
}

/** Page size: default 20, 1..100, else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback = 20, max = 100): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw new BadUserInput(`"first" must be between 1 and ${max}.`, 'first');
  return first;
}

/**
 * Keyset filter for rows ordered by (`field`, id) descending: newest first,
 * stable under inserts, no OFFSET scans.
 */
export function afterCursorFilter(field: string, cursor: KeysetCursor | undefined): Record<string, unknown> {
  if (!cursor) return {};
  const at = new Date(cursor.at);
  return { $or: [{ [field]: { $lt: at } }, { [field]: at, id: { $lt: cursor.id } }] };
}

/** Cuts a page fetched with limit `size + 1` into nodes and page info. */
export function toPage<T extends { id: string }>(rows: T[], size: number, orderValue: (row: T) => Date) {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  const cursorOf = (row: T) => encodeCursor({ at: orderValue(row).toISOString(), id: row.id });
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? cursorOf(last) : null },
  };
}
