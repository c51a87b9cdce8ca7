import { formatDecimal } from '../scalars';
import { ServiceCategory } from './shared-enums';
import { z } from 'zod';
import { optionalText, requiredText } from './text-fields';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
export const MAX_BUFFER_MINUTES = 240;
/** decimal(10,2) holds 8 digits before the point. */
const MAX_WHOLE_DIGITS = 8;

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
// ICU's list of ISO 4217 codes in circulation; Node ships full ICU, so this is the real list.
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isIsoCurrency(code: string): boolean {
  return CURRENCY_PATTERN.test(code) && (ISO_CURRENCIES.size === 0 || ISO_CURRENCIES.has(code));
}

/** Why a price string is not a valid amount, or null when it is. */
export function priceProblem(price: string): string | null {
  if (!/^-?\d+(\.\d+)?$/.test(price)) return 'must be an amount written as a string like "35.00"';
  if (price.startsWith('-')) return 'must not be negative';
  const [whole, fraction = ''] = price.split('.');
  if (fraction.length > 2) return 'must have at most two decimals';
  if (whole.replace(/^0+(?=\d)/, '').length > MAX_WHOLE_DIGITS) return 'must be below 100000000';
  return null;
}

/** A buffer before or after each appointment: 0 (none) to MAX_BUFFER_MINUTES; left out means none. */
function bufferMinutes(side: 'before' | 'after') {
  const range = `must be 0 to ${MAX_BUFFER_MINUTES} minutes (the time the doctor needs ${side} each appointment)`;
  return z
    .number({ invalid_type_error: 'must be a number of minutes' })
    .int('must be whole minutes')
    .min(0, range)
    .max(MAX_BUFFER_MINUTES, range)
    .optional();
}

const categories = Object.values(ServiceCategory).join(', ');

export const medicalServiceSchema = z.object({
  name: requiredText(2, 120),
  category: z.nativeEnum(ServiceCategory, { errorMap: () => ({ message: `must be one of ${categories}` }) }),
  durationMinutes: z
    .number({ required_error: 'is required', invalid_type_error: 'must be a number of minutes' })
    .int('must be whole minutes')
    .min(MIN_DURATION_MINUTES, `must be ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes`)
    .max(MAX_DURATION_MINUTES, `must be ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes`),
  bufferBeforeMinutes: bufferMinutes('before'),
  bufferAfterMinutes: bufferMinutes('after'),
  price: z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a decimal string like "35.00" (a string keeps it exact)',
    })
    .trim()
    .superRefine((price, ctx) => {
      const problem = priceProblem(price);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .transform(formatDecimal),
  currency: z
    .string({ required_error: 'is required', invalid_type_error: 'must be text' })
    .refine(isIsoCurrency, 'must be an ISO 4217 currency code in capitals, like EUR'),
  description: optionalText(2000),
});

export type MedicalServiceDraft = z.infer<typeof medicalServiceSchema>;

/**
 * Changes to a service of the catalogue: any of its fields, each checked as
 * when it was created; a field left out stays as it is (description null
 * removes it). Appointments already booked keep the price they were booked at.
 */
export const medicalServiceChangesSchema = medicalServiceSchema
  .partial()
  .extend({ id: z.string({ required_error: 'is required' }).min(1, 'must be a medical service id') })
  .refine((changes) => Object.entries(changes).some(([key, value]) => key !== 'id' && value !== undefined), {
    message:
      'name at least one field to change (name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency or description)',
  });

export type MedicalServiceChanges = z.infer<typeof medicalServiceChangesSchema>;
