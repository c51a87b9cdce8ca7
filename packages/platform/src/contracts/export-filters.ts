import { DateTime } from 'luxon';
import { z } from 'zod';
import { BadUserInput } from '../errors/app-errors';
import { AppointmentStatus } from './shared-enums';

/**
 * The filters of the CSV exports (GET /exports/*.csv on the gateway), read
 * once here: the gateway checks the query string with them before anything
 * reaches a service, and the owning service checks the body of its stream
 * route with the same schema. `from` and `to` are calendar days, both
 * included, in the clinic's time zone.
 */

/** A year of a large clinic in one file; longer ranges are exported in parts. */
export const MAX_EXPORT_DAYS = 366;

/** Invoice statuses as billing keeps them (billing's test checks they match its enum). */
export const INVOICE_EXPORT_STATUSES = ['PENDING', 'PAID', 'FAILED', 'VOID'] as const;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD naming a day that exists (no 30 February: Date would roll it over into March). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function day(name: string) {
  return z
    .string({
      required_error: `${name} is required: a date like 2026-12-01`,
      invalid_type_error: `${name} must be given once, as a date like 2026-12-01`,
    })
    .refine(isCalendarDate, `${name} must be a date like 2026-12-01`);
}

function oneOf<T extends string>(name: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { errorMap: () => ({ message: `${name} must be one of ${values.join(', ')}` }) });
}

const range = { from: day('from'), to: day('to') };

function checkRange(filter: { from: string; to: string }, ctx: z.RefinementCtx) {
  // zod still runs this when a date was refused (a non-fatal issue): that date already has its message.
  if (!isCalendarDate(filter.from) || !isCalendarDate(filter.to)) return;
  const days = (Date.parse(filter.to) - Date.parse(filter.from)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'to must not be before from' });
  else if (days > MAX_EXPORT_DAYS)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: `to: the range covers ${days} days; export at most ${MAX_EXPORT_DAYS} at a time`,
    });
}

function strictFilter<S extends z.ZodRawShape>(shape: S) {
  const names = Object.keys(shape).join(', ');
  return z
    .object(shape)
    .strict(`unknown parameter; an export takes ${names}`)
    .superRefine((filter, ctx) => checkRange(filter as { from: string; to: string }, ctx));
}

export const appointmentExportFilter = strictFilter({
  ...range,
  doctorId: z
    .string({ invalid_type_error: 'doctorId must be given once' })
    .uuid("doctorId must be a doctor's id (a UUID)")
    .optional(),
  status: oneOf('status', Object.values(AppointmentStatus) as [AppointmentStatus, ...AppointmentStatus[]]).optional(),
});
export type AppointmentExportFilter = z.infer<typeof appointmentExportFilter>;

export const invoiceExportFilter = strictFilter({
  ...range,
  status: oneOf('status', INVOICE_EXPORT_STATUSES).optional(),
});
export type InvoiceExportFilter = z.infer<typeof invoiceExportFilter>;

/**
 * Reads a filter from a query string or a request body: empty parameters
 * count as absent (forms send `doctorId=`); anything wrong is one
 * BAD_USER_INPUT naming every parameter at fault.
 */
export function readExportFilter<S extends z.ZodTypeAny>(schema: S, raw: Record<string, unknown>): z.infer<S> {
  const given = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== '' && value !== undefined && value !== null),
  );
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data as z.infer<S>;
  const messages = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}: ${issue.message}` : issue.message,
  );
  const field = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys : issue.path.map(String),
  )[0];
  throw new BadUserInput(messages.join('; '), field);
}

/** The instants that bound an export's days [from, to] (both included) on the clinic's clock: start inclusive, end exclusive. */
export function exportRangeInstants(filter: { from: string; to: string }, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(filter.from, { zone }).startOf('day');
  const end = DateTime.fromISO(filter.to, { zone }).startOf('day').plus({ days: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}
