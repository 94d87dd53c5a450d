import { ATTACHMENT_MEDIA_TYPES, type Attachment } from '../../contract/types';

type MediaType = Attachment['mediaType'];

const ALLOWED: ReadonlySet<string> = new Set(ATTACHMENT_MEDIA_TYPES);

/** By file name extension, for clients that label every file application/octet-stream (Java and .NET defaults, curl for unknown extensions). */
const BY_EXTENSION: Record<string, MediaType> = {
  pdf: 'application/pdf',
  zip: 'application/zip',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  txt: 'text/plain',
  xml: 'text/xml',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  odg: 'application/vnd.oasis.opendocument.graphics',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Other names clients give the same formats. */
const ALIASES: Record<string, MediaType> = {
  'application/xml': 'text/xml',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
  'application/csv': 'text/csv',
};

/**
 * Labels that say nothing about the format. text/plain is among them: it is
 * what a part without Content-Type means (RFC 7578), and the multipart parser
 * reports it alike for both, while .NET's StreamContent, for one, sends files
 * without a Content-Type.
 */
const UNLABELLED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'text/plain']);

/**
 * The contract media type of a file part: from its Content-Type (parameters
 * dropped, case ignored), or from its file name's extension when the label
 * says nothing (see UNLABELLED); undefined when it is none of the contract's.
 */
export function attachmentMediaType(contentType: string | undefined, fileName: string): MediaType | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (UNLABELLED.has(type)) {
    const dot = fileName.lastIndexOf('.');
    const byName = dot < 0 ? undefined : BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()];
    return byName ?? (type === 'text/plain' ? 'text/plain' : undefined);
  }
  if (ALLOWED.has(type)) return type as MediaType;
  return ALIASES[type];
}
