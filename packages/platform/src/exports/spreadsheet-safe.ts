/** What a spreadsheet reads as the start of a formula (=, +, -, @) or strips before one (tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet opens as text, never as a formula (CSV injection,
 * OWASP): text starting with a formula character gets a leading apostrophe.
 * Plain numbers ("-5.00") are left alone, they compute nothing.
 */
export function spreadsheetSafe(value: string | number | boolean | null | undefined): string | number | boolean | null {
  if (typeof value !== 'string') return value ?? null;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
