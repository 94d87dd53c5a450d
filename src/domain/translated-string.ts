export const LANGUAGES = ['nl', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export type CompleteTranslatedString = Record<Language, string>;

/**
 * Where a missing language is taken from, in order. French and Dutch stand in
 * for each other (the two languages every federal text exists in); German,
 * the least often provided, is filled from French first, then Dutch.
 */
export const FALLBACK: Record<Language, Language[]> = {
  nl: ['fr', 'de'],
  fr: ['nl', 'de'],
  de: ['fr', 'nl'],
};

/** The portal needs nl, fr and de in every TranslatedString; an empty value counts as missing. */
export function completeTranslatedString(value: Partial<Record<string, unknown>>): CompleteTranslatedString {
  const given = (lang: Language) => (typeof value[lang] === 'string' && value[lang] !== '' ? (value[lang] as string) : undefined);
  const result = {} as CompleteTranslatedString;
  for (const lang of LANGUAGES) {
    result[lang] = given(lang) ?? FALLBACK[lang].map(given).find((v) => v !== undefined) ?? '';
  }
  return result;
}
