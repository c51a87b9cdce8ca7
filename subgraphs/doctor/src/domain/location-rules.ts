import { BadUserInput, isTimeZone, requiredText } from '@carebook/platform';
import { z } from 'zod';

const timeZone = z
  .string({ required_error: 'is required', invalid_type_error: 'must be text' })
  .trim()
  .refine(isTimeZone, (zone) => ({
    message: `must be an IANA time zone name such as Europe/Berlin or America/New_York; "${zone}" is not one`,
  }));

export const newLocationSchema = z.object({
  name: requiredText(2, 120),
  address: requiredText(5, 300),
  timeZone,
});

export const locationChangesSchema = z.object({
  id: z.string().min(1, 'must be a location id'),
  name: requiredText(2, 120).optional(),
  address: requiredText(5, 300).optional(),
  timeZone: timeZone.optional(),
  active: z.boolean().optional(),
});

export type NewLocation = z.infer<typeof newLocationSchema>;
export type LocationChanges = z.infer<typeof locationChangesSchema>;

/** The input checked by `schema`, or BAD_USER_INPUT naming the first wrong field. */
export function parseLocationInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.');
  throw new BadUserInput(field ? `${field} ${issue.message}.` : issue.message, field || undefined);
}
