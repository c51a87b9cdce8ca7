/** "35.00" EUR as the locale writes money ("€35.00", "35,00 €"); the API sends decimals as strings, kept exact. */
export function formatMoney(amount: string, currency: string, locale = navigator.language || 'en'): string {
  try {
    // Intl takes a decimal string exactly (no float rounding on the way).
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}
