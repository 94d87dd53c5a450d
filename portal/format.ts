import type { TranslatedString } from '../generated/model/models';
import { LANGUAGES, type Lang } from './texts';

/** A TranslatedString in the page's language, else in another one (the provider completes all three anyway). */
export function inLang(value: TranslatedString | undefined, lang: Lang): string {
  if (!value) return '';
  return value[lang] ?? LANGUAGES.map((l) => value[l]).find((v) => v !== undefined) ?? '';
}

const locale = (lang: Lang) => `${lang}-BE`;

/** Dates as a Belgian reader expects them: Brussels time, in the page's language. */
export function dateTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

export function day(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

/** Sizes in the contract are kB of 1024 bytes. */
export function size(kilobytes: number | undefined, lang: Lang): string {
  const kb = kilobytes ?? 0;
  const [value, unit] = kb >= 1024 ? [kb / 1024, 'MB'] : [kb, 'kB'];
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

export function money(amount: number, currency: string, lang: Lang): string {
  try {
    return new Intl.NumberFormat(locale(lang), { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`; // a currency code Intl does not know
  }
}
