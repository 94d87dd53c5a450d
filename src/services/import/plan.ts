import fs from 'node:fs';
import path from 'node:path';
import type { MessageRecord } from '../../db/repositories/messages';
import { normalizeCbe } from '../../domain/cbe';
import { isPlainObject, type PlainObject } from '../../domain/plain-object';
import { REFERENCE_KIND_NAMES, REFERENCE_KINDS, type ReferenceKind } from '../../domain/reference-kinds';
import { derivedAttachmentId, derivedMessageId } from './ids';

/**
 * After the schema, the rules JSON Schema cannot say (where the bytes are,
 * ids, CBE numbers), and one item of the file turned into the records to
 * write. It only reads the file system, one item at a time; rules across
 * items (duplicates, references) are the checker's (check.ts). It copes with
 * an item the schema refused, so that one run reports every problem.
 */

export type BytesSource = { kind: 'base64'; base64: string } | { kind: 'file'; file: string };

export interface PlannedImage {
  imageId: string;
  position: number;
  mediaType: string;
  language: string | null;
  source: BytesSource;
}

export interface PlannedReference {
  kind: ReferenceKind;
  id: string;
  document: Record<string, unknown>;
  /** Undefined for message types, which have no logos. */
  logos?: PlannedImage[];
}

export interface PlannedAttachment {
  attachmentId: string;
  position: number;
  title?: Record<string, unknown>;
  fileName: string;
  mainContent: boolean;
  mediaType: string;
  signed: boolean;
  source: BytesSource;
}

export interface PlannedMessage {
  record: Omit<MessageRecord, 'updatedAt'>;
  attachments: PlannedAttachment[];
  /** True when the file gives no messageId and the id is derived from the content. */
  derivedId: boolean;
  /** The reference data it names, to be found in the file or in the database. */
  uses: ReferenceUse[];
}

/** A message's use of a reference-data id. */
export interface ReferenceUse {
  kind: ReferenceKind;
  id: string;
  path: string;
}

/** Reports one problem: where (a JSON pointer), which rule, why. */
export type IssueSink = (path: string, rule: string, message: string) => void;

type Obj = PlainObject;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const obj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
export const EXACT_CBE = /^[01][0-9]{9}$/;

function without(o: Obj, ...keys: string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function escapes(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
}

function duplicates(seen: Set<string>, id: string | undefined, at: string, what: string, issue: IssueSink): void {
  if (id === undefined) return;
  if (seen.has(id)) issue(at, 'duplicateId', `${what} "${id}" appears more than once`);
  seen.add(id);
}

type ResolvedFile = { real: string } | { problem: { rule: string; message: string } };

/** Plans the items of one import file; contentFile paths are relative to baseDir. */
export class Planner {
  private readonly root: string;
  /**
   * contentFile paths already resolved, by their text in the file: an import
   * often names a few documents from thousands of messages, and resolving
   * (realpath, stat) was a tenth of its time. One Planner serves one pass.
   */
  private readonly files = new Map<string, ResolvedFile>();

  constructor(baseDir: string) {
    this.root = fs.realpathSync(baseDir);
  }

  /** Where an item's bytes are: exactly one of content (base64) and contentFile (inside the file's folder). */
  private source(item: Obj, at: string, issue: IssueSink): BytesSource | undefined {
    const hasContent = item.content !== undefined;
    const hasFile = item.contentFile !== undefined;
    if (hasContent === hasFile) {
      issue(at, 'contentSource', hasContent ? 'give either content or contentFile, not both' : 'content (base64) or contentFile is required');
      return undefined;
    }
    if (hasContent) {
      if (typeof item.content !== 'string') return undefined; // the schema reports the type
      const base64 = item.content.replace(/\s+/g, '');
      if (base64.length % 4 !== 0 || !BASE64.test(base64)) {
        issue(at + '/content', 'base64', 'is not valid base64');
        return undefined;
      }
      return { kind: 'base64', base64 };
    }
    const relative = item.contentFile;
    if (typeof relative !== 'string' || relative === '') return undefined;
    let resolved = this.files.get(relative);
    if (resolved === undefined) {
      resolved = this.resolve(relative);
      this.files.set(relative, resolved);
    }
    if ('problem' in resolved) {
      issue(at + '/contentFile', resolved.problem.rule, resolved.problem.message);
      return undefined;
    }
    return { kind: 'file', file: resolved.real };
  }

  /** Where contentFile `relative` leads, or why it cannot be used. */
  private resolve(relative: string): ResolvedFile {
    const problem = (rule: string, message: string): ResolvedFile => ({ problem: { rule, message } });
    const lexical = path.resolve(this.root, relative);
    if (path.isAbsolute(relative) || escapes(this.root, lexical)) return problem('contentFileEscapes', `"${relative}" is not inside the folder of the import file`);
    let real: string;
    try {
      real = fs.realpathSync(lexical);
    } catch {
      return problem('contentFileMissing', `"${relative}" does not exist`);
    }
    if (escapes(this.root, real)) return problem('contentFileEscapes', `"${relative}" leads outside the folder of the import file`);
    if (!fs.statSync(real).isFile()) return problem('contentFileNotRegular', `"${relative}" is not a regular file`);
    return { real };
  }

  private logos(items: unknown, at: string, issue: IssueSink): PlannedImage[] {
    const out: PlannedImage[] = [];
    const seen = new Set<string>();
    list(items).forEach((raw, position) => {
      const image = obj(raw);
      if (!image) return;
      const where = `${at}/${position}`;
      duplicates(seen, str(image.imageId), where + '/imageId', 'imageId', issue);
      const bytes = this.source(image, where, issue);
      if (!bytes) return;
      out.push({
        imageId: str(image.imageId) ?? '',
        position,
        mediaType: str(image.mediaType) ?? '',
        language: str(image.language) ?? null,
        source: bytes,
      });
    });
    return out;
  }

  /** One reference-data object at `at` (e.g. /senderOrganizations/0); undefined when it is not even an object. */
  reference(kind: ReferenceKind, raw: unknown, at: string, issue: IssueSink): PlannedReference | undefined {
    const item = obj(raw);
    if (!item) return undefined;
    const info: { idProperty: string; logosProperty?: string } = REFERENCE_KINDS[kind];
    const id = str(item[info.idProperty]);
    if (kind === 'senderOrganization' && id !== undefined && !EXACT_CBE.test(id)) {
      issue(`${at}/${info.idProperty}`, 'cbe', 'must be a CBE number: ten digits starting with 0 or 1');
    }
    const logosProperty = info.logosProperty;
    return {
      kind,
      id: id ?? '',
      document: logosProperty ? without(item, logosProperty) : item,
      logos: logosProperty ? this.logos(item[logosProperty], `${at}/${logosProperty}`, issue) : undefined,
    };
  }

  /** One message at `at` (e.g. /messages/3); undefined when it is not even an object. */
  message(raw: unknown, at: string, issue: IssueSink): PlannedMessage | undefined {
    const m = obj(raw);
    if (!m) return undefined;
    const eboxId = normalizeCbe(m.eboxId);
    if (eboxId === undefined && (typeof m.eboxId === 'string' || typeof m.eboxId === 'number')) {
      issue(at + '/eboxId', 'cbe', 'must be a CBE number: up to ten digits, starting with 0 or 1 once left-padded with zeros');
    }
    const derivedId = m.messageId === undefined;
    const messageId = str(m.messageId) ?? derivedMessageId({ ...m, eboxId: eboxId ?? m.eboxId });

    const senderOrganizationId = str(m.senderOrganizationId);
    if (senderOrganizationId !== undefined && !EXACT_CBE.test(senderOrganizationId)) {
      issue(at + '/senderOrganizationId', 'cbe', 'must be a CBE number: ten digits starting with 0 or 1');
    }

    const attachments: PlannedAttachment[] = [];
    const attachmentIds = new Set<string>();
    list(m.attachments).forEach((rawAttachment, position) => {
      const a = obj(rawAttachment);
      if (!a) return;
      const where = `${at}/attachments/${position}`;
      const attachmentId = str(a.attachmentId) ?? derivedAttachmentId(messageId, position);
      duplicates(attachmentIds, attachmentId, where + (a.attachmentId === undefined ? '' : '/attachmentId'), 'attachmentId', issue);
      const bytes = this.source(a, where, issue);
      if (!bytes) return;
      attachments.push({
        attachmentId,
        position,
        title: obj(a.attachmentTitle),
        fileName: str(a.fileName) ?? '',
        mainContent: bool(a.mainContent, false),
        mediaType: str(a.mediaType) ?? '',
        signed: bool(a.attachmentSigned, false),
        source: bytes,
      });
    });

    const uses: ReferenceUse[] = [];
    for (const kind of REFERENCE_KIND_NAMES) {
      const prop = REFERENCE_KINDS[kind].messageProperty;
      const id = str(m[prop]);
      if (id !== undefined) uses.push({ kind, id, path: `${at}/${prop}` });
    }

    const businessDataList = Array.isArray(m.businessDataList) ? m.businessDataList : list(obj(m.businessDataList)?.items);
    return {
      derivedId,
      uses,
      record: {
        messageId,
        eboxId: eboxId ?? '',
        subject: obj(m.subject) ?? {},
        receiptAt: Date.parse(str(m.receiptDate) ?? ''),
        expirationAt: Date.parse(str(m.expirationDate) ?? ''),
        readStatus: bool(m.readStatus, false),
        // The file says whether the message was read, not when.
        firstReadAt: null,
        visible: bool(m.visible, true),
        registeredMail: bool(m.registeredMail, false),
        forTheAttentionOf: obj(m.forTheAttentionOf),
        messageTypeId: str(m.messageTypeId) ?? '',
        senderOrganizationId: senderOrganizationId ?? '',
        senderApplicationId: str(m.senderApplicationId),
        originalMessageId: str(m.originalMessageId),
        bodyMainContent: bool(m.bodyMainContent, false),
        bodyContent: obj(m.bodyContent),
        paymentData: obj(m.paymentData),
        businessData: businessDataList as Obj[],
        replyAuthorized: bool(m.replyAuthorized, false),
      },
      attachments,
    };
  }
}
