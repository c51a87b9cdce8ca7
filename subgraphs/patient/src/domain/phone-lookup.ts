import { FieldSealer, sealedColumn } from '@carebook/platform';

/** The blind index column beside phone_sealed; its label keys the index (never rename it). */
export const PHONE_LOOKUP = sealedColumn('patients', 'phone_lookup');

/**
 * The digits a phone number is found by: its last nine, so "+44 20 7946 0000"
 * and "020 7946 0000" (the same line with and without the country code) are
 * one number. Shorter numbers keep all their digits.
 */
const LOOKUP_DIGITS = 9;

export function lookupDigits(phone: string): string {
  return phone.replace(/\D/g, '').slice(-LOOKUP_DIGITS);
}

/** What to store in phone_lookup for a phone number (null for none). */
export function phoneLookupOf(sealer: FieldSealer, phone: string | null): string | null {
  return phone === null ? null : sealer.blindIndex(PHONE_LOOKUP).of(lookupDigits(phone));
}

/** Every phone_lookup value a typed number may be stored as (one per configured key). */
export function phoneLookupCandidates(sealer: FieldSealer, typed: string): string[] {
  return sealer.blindIndex(PHONE_LOOKUP).candidates(lookupDigits(typed));
}
