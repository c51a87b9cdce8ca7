import { z } from 'zod';

/** Optional free text: trimmed, blank or absent becomes null, longer than `max` is refused. */
export function optionalText(max: number) {
  return z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));
}

/** Required text: trimmed, then `min..max` characters. */
export function requiredText(min: number, max: number) {
  const message = min <= 1 ? `must not be blank (at most ${max} characters)` : `must be ${min} to ${max} characters`;
  return z
    .string({ required_error: 'is required', invalid_type_error: 'must be text' })
    .trim()
    .min(min, message)
    .max(max, message);
}
