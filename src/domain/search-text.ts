import { isPlainObject as isDoc, type PlainObject as Doc } from './plain-object';
import { normalizeForSearch } from './search-normalize';
import { completeTranslatedString, Language, LANGUAGES } from './translated-string';

/** What of a message its search text is made of. */
export interface SearchableMessage {
  subject: Doc;
  businessData: Doc[];
  forTheAttentionOf?: Doc;
}

/** The reference data a message names; any of them may be missing. */
export interface SearchReferences {
  senderOrganization?: Doc;
  senderApplication?: Doc;
  messageType?: Doc;
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

/**
 * The normalized search text of one message in each language: what the user
 * sees of it in that language (subject, business data values, forTheAttentionOf,
 * names and descriptions of its sender organization, application and message
 * type), never its body or attachments.
 */
export function searchTexts(message: SearchableMessage, refs: SearchReferences): Record<Language, string> {
  const { senderOrganization: org, senderApplication: app, messageType: type } = refs;
  const values = (Array.isArray(message.businessData) ? message.businessData : []).flatMap((data) =>
    isDoc(data) && Array.isArray(data.values) ? (data.values as unknown[]) : [],
  );
  const result = {} as Record<Language, string>;
  for (const lang of LANGUAGES) {
    const fields = [
      translated(message.subject, lang),
      ...values.map((value) => translated(value, lang)),
      plain(message.forTheAttentionOf?.id),
      plain(message.forTheAttentionOf?.name),
      translated(app?.applicationName, lang),
      translated(app?.applicationDescription, lang),
      translated(org?.organizationShortName, lang),
      translated(org?.organizationLongName, lang),
      translated(type?.messageTypeName, lang),
      translated(type?.messageTypeDescription, lang),
    ];
    result[lang] = fields
      .filter((field): field is string => field !== undefined && field !== '')
      .map(normalizeForSearch)
      .join(FIELD_SEPARATOR);
  }
  return result;
}
