import { isPlainObject as isDoc, type PlainObject as Doc } from './plain-object';
import type { ReferenceKind } from './reference-kinds';
import { normalizeForSearch } from './search-normalize';
import { completeTranslatedString, Language, LANGUAGES } from './translated-string';

/** What of a message its search text is made of. */
export interface SearchableMessage {
  subject: Doc;
  businessData: Doc[];
  forTheAttentionOf?: Doc;
}

/**
 * Put between fields so that no match spans two of them. normalizeForSearch
 * turns every control character into a space, in the stored fields as in the
 * needle, so a normalized needle never contains this one: any substring
 * running over a field boundary contains it and therefore differs from every
 * needle. The trigram index sees it as an ordinary character, so the trigrams
 * across a boundary never occur in a needle's phrase either.
 */
export const FIELD_SEPARATOR = '\u001f';

/** A TranslatedString as the user sees it in `lang`, after completion. */
function translated(value: unknown, lang: Language): string | undefined {
  return isDoc(value) ? completeTranslatedString(value)[lang] : undefined;
}

function plain(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Past this many distinct fields, only equal ones are left out: the test of containment is quadratic in them. */
const CONTAINMENT_TESTED_FIELDS = 64;

/**
 * Normalized non-empty fields joined by FIELD_SEPARATOR, each once, leaving
 * out a field that another one contains: every needle found in it is found
 * in the other, so it would add trigrams to the index and no match. A
 * dossier number is typically a business data value and part of the subject
 * too; in the benchmark's data this left 18 % of the text out.
 */
function joinFields(fields: (string | undefined)[]): string {
  const distinct = [...new Set(fields.filter((field): field is string => field !== undefined && field !== '').map(normalizeForSearch))];
  const kept =
    distinct.length > CONTAINMENT_TESTED_FIELDS ? distinct : distinct.filter((field) => !distinct.some((other) => other !== field && other.includes(field)));
  return kept.join(FIELD_SEPARATOR);
}

/**
 * The normalized search text of one message's own fields in each language:
 * what the user sees of the message itself in that language (subject, business
 * data values, forTheAttentionOf), never its body or attachments. The names of
 * the reference data it names are searched separately (referenceSearchTexts),
 * stored once per reference-data object rather than once per message.
 */
export function messageSearchTexts(message: SearchableMessage): Record<Language, string> {
  const values = (Array.isArray(message.businessData) ? message.businessData : []).flatMap((data) =>
    isDoc(data) && Array.isArray(data.values) ? (data.values as unknown[]) : [],
  );
  const result = {} as Record<Language, string>;
  for (const lang of LANGUAGES) {
    result[lang] = joinFields([
      translated(message.subject, lang),
      ...values.map((value) => translated(value, lang)),
      plain(message.forTheAttentionOf?.id),
      plain(message.forTheAttentionOf?.name),
    ]);
  }
  return result;
}

/** The searchable TranslatedStrings of each kind of reference data: its names and description. */
const REFERENCE_FIELDS: Record<ReferenceKind, readonly string[]> = {
  senderOrganization: ['organizationShortName', 'organizationLongName'],
  senderApplication: ['applicationName', 'applicationDescription'],
  messageType: ['messageTypeName', 'messageTypeDescription'],
};

/**
 * The normalized search text of one reference-data object in each language:
 * the names (and description) a message naming it shows in that language. A
 * message matches a needle in a language when its own text or the text of one
 * of the reference-data objects it names contains the needle.
 */
export function referenceSearchTexts(kind: ReferenceKind, document: Doc): Record<Language, string> {
  const result = {} as Record<Language, string>;
  for (const lang of LANGUAGES) result[lang] = joinFields(REFERENCE_FIELDS[kind].map((field) => translated(document[field], lang)));
  return result;
}
