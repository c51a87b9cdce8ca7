import type { EntityName, FilterQuery, MikroORM } from '@mikro-orm/core';

/**
 * Every row matching `where`, in pages of `batchSize` ordered by (key, id),
 * each page read after the last row of the previous one (keyset), so a page
 * costs one index range read however deep the reading is, and rows added or
 * removed meanwhile shift nothing. Each page is read in its own
 * entity-manager fork: nothing accumulates in an identity map, so memory
 * holds one page. EntityManager API only: works on every store.
 */
export async function* keysetPages<T extends { id: string }, K extends keyof T & string>(
  orm: MikroORM,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  key: K,
  fields: readonly (keyof T & string)[],
  batchSize = 500,
): AsyncGenerator<T[]> {
  let last: T | undefined;
  for (;;) {
    const after = last ? { $or: [{ [key]: { $gt: last[key] } }, { [key]: last[key], id: { $gt: last.id } }] } : {};
    const page = (await orm.em.fork().find(entity, { ...(where as object), ...after } as FilterQuery<T>, {
      fields: [...fields] as never,
      orderBy: [{ [key]: 'asc' }, { id: 'asc' }] as never,
      limit: batchSize,
    })) as T[];
    if (page.length === 0) return;
    yield page;
    if (page.length < batchSize) return;
    last = page[page.length - 1];
  }
}
