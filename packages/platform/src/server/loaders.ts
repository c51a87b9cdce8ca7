import type { EntityName, FilterQuery } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { NotFound } from '../errors/app-errors';
import type { RequestContext } from './request-context';

/**
 * A name another service owns, as a subgraph @provides it on its own
 * entities (an appointment's doctor and patient, a slot's doctor): the ids
 * of one response are looked up together under `key`, and an id the owner
 * does not know is NOT_FOUND, as the owner's subgraph would answer.
 */
export async function providedName(
  ctx: RequestContext,
  key: string,
  entity: string,
  id: string,
  lookup: (ids: readonly string[]) => Promise<Map<string, string>>,
): Promise<string> {
  const names = loaderFor<string, string>(ctx, key, async (ids) => {
    const known = await lookup(ids);
    return ids.map((one) => known.get(one) ?? null);
  });
  const name = await names.load(id);
  if (name === null) throw new NotFound(entity, id);
  return name;
}

/**
 * A per-request DataLoader, created on first use under `key`, so that every
 * `__resolveReference` and list field issues one query per request, not one per row.
 */
export function loaderFor<K, V>(
  ctx: RequestContext,
  key: string,
  batch: (keys: readonly K[]) => Promise<(V | null)[]>,
): DataLoader<K, V | null> {
  let loader = ctx.loaders.get(key) as DataLoader<K, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V | null>(batch, { maxBatchSize: 1000 });
    ctx.loaders.set(key, loader);
  }
  return loader;
}

/** Loads entities by primary key `id` with one `$in` query per request batch. */
export function entityByIdLoader<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityName<T>,
): DataLoader<string, T | null> {
  const name = typeof entity === 'string' ? entity : (entity as { name: string }).name;
  return loaderFor<string, T>(ctx, `entity:${name}`, async (ids) => {
    const rows = await ctx.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Groups child rows under their parent key with one query per request batch (for list fields). */
export function groupedLoader<T>(
  ctx: RequestContext,
  key: string,
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  let loader = ctx.loaders.get(key) as DataLoader<string, T[]> | undefined;
  if (!loader) {
    loader = new DataLoader<string, T[]>(
      async (keys) => {
        const rows = await load(keys);
        const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
        for (const row of rows) groups.get(keyOf(row))?.push(row);
        return keys.map((k) => groups.get(k)!);
      },
      { maxBatchSize: 1000 },
    );
    ctx.loaders.set(key, loader);
  }
  return loader;
}
