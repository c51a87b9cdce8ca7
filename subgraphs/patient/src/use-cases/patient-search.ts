import { BadUserInput, FieldSealer, pageSize } from '@carebook/platform';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Patient } from '../entities';
import { lookupDigits, phoneLookupCandidates } from '../domain/phone-lookup';

export const SEARCH_LENGTH = { min: 2, max: 254 } as const;
/** A phone number has at least seven digits (profile rules); fewer are part of a name or an email. */
const PHONE_LIKE = /^\+?[\d\s()./-]+$/;
const MIN_PHONE_DIGITS = 7;

export type PatientSearch = { by: 'phone'; digits: string } | { by: 'text'; text: string };

/** What the front desk typed: a phone number (found by its blind index) or part of a name or email. */
export function parsePatientSearch(search: string): PatientSearch {
  const typed = search.trim();
  if (typed.length < SEARCH_LENGTH.min || typed.length > SEARCH_LENGTH.max) {
    throw new BadUserInput(
      `search must be ${SEARCH_LENGTH.min} to ${SEARCH_LENGTH.max} characters: part of a name, an email address or a phone number.`,
      'search',
    );
  }
  if (PHONE_LIKE.test(typed)) {
    const digits = typed.replace(/\D/g, '');
    if (digits.length < MIN_PHONE_DIGITS)
      throw new BadUserInput(
        `A phone number has at least ${MIN_PHONE_DIGITS} digits; type the whole number.`,
        'search',
      );
    return { by: 'phone', digits: lookupDigits(digits) };
  }
  return { by: 'text', text: typed };
}

/** LIKE's wildcards taken literally: a "%" typed at the desk matches a "%" only. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Patients whose name or email contains the text, or whose phone is the
 * number typed, by name; at most `first` (default 20, up to 50).
 */
export async function findPatients(
  em: EntityManager,
  sealer: FieldSealer,
  search: string,
  first?: number | null,
): Promise<Patient[]> {
  const limit = pageSize(first, 20, 50);
  const query = parsePatientSearch(search);
  const where: FilterQuery<Patient> =
    query.by === 'phone'
      ? { phoneLookup: { $in: phoneLookupCandidates(sealer, query.digits) } }
      : {
          $or: [
            { name: { $like: `%${literal(query.text)}%` } },
            { email: { $like: `%${literal(query.text.toLowerCase())}%` } },
          ],
        };
  return em.find(Patient, where, { orderBy: { name: 'asc', id: 'asc' }, limit });
}
