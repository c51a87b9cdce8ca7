import { BadUserInput } from '@carebook/platform';
import { EntityManager } from '@mikro-orm/core';
import { Patient } from '../entities';

/** Shortest search text: one letter would list half the clinic. */
export const MIN_SEARCH_LENGTH = 2;
/** A picker shows a handful; more means the text should be longer. */
export const MAX_SEARCH_RESULTS = 20;

/** `%` and `_` typed by a person are letters, not LIKE wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Patients whose name or email contains `search` (case-insensitive, as the
 * tables' collation compares), by name: how staff find the patient they book for.
 */
export async function searchPatients(em: EntityManager, search: string, first = 10): Promise<Patient[]> {
  const text = search.trim();
  if (text.length < MIN_SEARCH_LENGTH) throw new BadUserInput(`Type at least ${MIN_SEARCH_LENGTH} letters of the patient's name or email.`, 'search');
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw new BadUserInput(`first must be between 1 and ${MAX_SEARCH_RESULTS}.`, 'first');
  }
  const pattern = `%${likeLiteral(text)}%`;
  return em.find(Patient, { $or: [{ name: { $like: pattern } }, { email: { $like: pattern } }] }, { orderBy: { name: 'asc', id: 'asc' }, limit: first });
}
