import { formatDecimal } from '@carebook/platform';

/*
 * Money arithmetic in integer minor units (cents) with BigInt: amounts are
 * decimal strings with two decimals ("35.00") everywhere else, never floats.
 */

const AMOUNT = /^\d{1,8}(\.\d{1,2})?$/;

export function isAmount(text: string): boolean {
  return AMOUNT.test(text);
}

export function toMinorUnits(amount: string): bigint {
  const [whole, fraction] = formatDecimal(amount).replace('-', '').split('.');
  const minor = BigInt(whole) * 100n + BigInt(fraction);
  return amount.trim().startsWith('-') ? -minor : minor;
}

export function fromMinorUnits(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function sumAmounts(amounts: string[]): string {
  return fromMinorUnits(amounts.reduce((total, amount) => total + toMinorUnits(amount), 0n));
}
