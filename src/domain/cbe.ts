/**
 * A CBE (KBO/BCE) enterprise number as the e-Box uses it: ten digits starting
 * with 0 or 1. Sources often drop the leading zero (spreadsheets, integers), so
 * shorter digit strings are left-padded before the check; punctuation such as
 * "0123.456.749" is not accepted here, callers decide whether to strip it.
 * Returns undefined when the value cannot be a CBE number.
 */
export function normalizeCbe(raw: unknown): string | undefined {
  let digits: string;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) return undefined;
    digits = String(raw);
  } else if (typeof raw === 'string') {
    digits = raw.trim();
  } else {
    return undefined;
  }
  if (!/^[0-9]{1,10}$/.test(digits)) return undefined;
  const padded = digits.padStart(10, '0');
  return /^[01][0-9]{9}$/.test(padded) ? padded : undefined;
}

/**
 * Whether a normalized CBE number carries valid check digits: its last two
 * digits are 97 minus its first eight modulo 97. Numbers that only look right
 * (a typo, a made-up example) name no enterprise, so a publication to one
 * would fill an e-Box nobody can ever open.
 */
export function hasValidCbeCheckDigits(cbe: string): boolean {
  if (!/^[01][0-9]{9}$/.test(cbe)) return false;
  return 97 - (Number(cbe.slice(0, 8)) % 97) === Number(cbe.slice(8));
}
