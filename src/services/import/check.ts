import type { Knex } from 'knex';
import { findReference } from '../../db/repositories/reference-data';
import { REFERENCE_KINDS, type ReferenceKind } from '../../domain/reference-kinds';
import { ImportIssue, IssueList, MAX_ISSUES } from './issues';
import { Planner, type PlannedMessage, type PlannedReference, type ReferenceUse } from './plan';
import { itemValidator, type Collection } from './schema';
import type { ImportSource, SourceItem } from './source';
import { IdFingerprints } from './id-fingerprints';

/**
 * Reading the items of a source, each checked against the contract schema
 * and planned (plan.ts): what both passes of an import share. The first pass
 * (checkSource) adds the rules across items and remembers only what the
 * second needs: the reference data (a few objects), the ids of the messages
 * (for duplicates, and to check the second pass against) and the figures.
 */

const KIND_OF: Record<Exclude<Collection, 'messages'>, ReferenceKind> = {
  senderOrganizations: 'senderOrganization',
  senderApplications: 'senderApplication',
  messageTypes: 'messageType',
};

export type ReadItem =
  | { type: 'message'; item: SourceItem; message: PlannedMessage }
  | { type: 'reference'; item: SourceItem; reference: PlannedReference };

export interface ReadOptions {
  specFile?: string;
  onRead?: (bytes: number) => void;
  /** Passes items whose collection is a reference-data one without checking or planning them (the second pass). */
  messagesOnly?: boolean;
}

/** The source's items, checked and planned; every problem goes to `report`, with the item's line when it has one. */
export async function* readItems(source: ImportSource, report: (issue: ImportIssue) => void, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const validate = itemValidator(options.specFile);
  const planner = new Planner(source.baseDir);
  for await (const event of source.pass(options.onRead)) {
    if (event.type === 'issue') {
      report(event.issue);
      continue;
    }
    if (options.messagesOnly && event.collection !== 'messages') continue;
    const line = event.line;
    const sink = (path: string, rule: string, message: string) => report(line === undefined ? { path, rule, message } : { path, rule, message, line });
    for (const issue of validate(event.collection, event.value)) sink(event.path + issue.path, issue.rule, issue.message);
    if (event.collection === 'messages') {
      const message = planner.message(event.value, event.path, sink);
      if (message) yield { type: 'message', item: event, message };
    } else {
      const reference = planner.reference(KIND_OF[event.collection], event.value, event.path, sink);
      if (reference) yield { type: 'reference', item: event, reference };
    }
  }
}

export interface CheckedImport {
  references: PlannedReference[];
  messages: number;
  attachments: number;
  logos: number;
  /** Every message id of the file (as fingerprints: import/id-fingerprints.ts). */
  messageIds: IdFingerprints;
  eboxIds: Set<string>;
  /** What the file was when it was checked (ImportSource.identity). */
  identity: string | undefined;
}

export interface CheckProgress {
  messages: number;
  bytes: number;
}

interface Uses {
  kind: ReferenceKind;
  id: string;
  /** The first uses, up to MAX_ISSUES: no report lists more. */
  at: { path: string; line?: number }[];
  more: number;
}

/**
 * The first pass: the whole source is checked (schemas, then the rules,
 * then references against the database) and nothing is written. Throws
 * ImportError listing the problems found; memory holds one item at a time
 * beside the sets of ids.
 */
export async function checkSource(
  source: ImportSource,
  deps: { db: Knex; specFile?: string; onProgress?: (p: CheckProgress) => void; signal?: AbortSignal },
): Promise<CheckedImport> {
  const identity = source.identity();
  const issues = new IssueList();
  const report = (issue: ImportIssue) => issues.add(issue);
  const checked: CheckedImport = { references: [], messages: 0, attachments: 0, logos: 0, messageIds: new IdFingerprints(), eboxIds: new Set(), identity };
  const defined = new Map<ReferenceKind, Set<string>>(Object.keys(REFERENCE_KINDS).map((k) => [k as ReferenceKind, new Set<string>()]));
  const uses = new Map<string, Uses>();
  let bytes = 0;
  const onRead = (n: number) => {
    bytes = n;
    deps.signal?.throwIfAborted();
    deps.onProgress?.({ messages: checked.messages, bytes });
  };

  for await (const read of readItems(source, report, { specFile: deps.specFile, onRead })) {
    const line = read.item.line;
    const at = (path: string) => (line === undefined ? { path } : { path, line });
    if (read.type === 'reference') {
      const { kind, id } = read.reference;
      const idProperty = REFERENCE_KINDS[kind].idProperty;
      const seen = defined.get(kind) as Set<string>;
      // An item without its id (refused by the schema) is no duplicate of anything.
      if (typeof (read.item.value as Record<string, unknown>)[idProperty] === 'string') {
        if (seen.has(id)) report({ ...at(`${read.item.path}/${idProperty}`), rule: 'duplicateId', message: `${idProperty} "${id}" appears more than once` });
        seen.add(id);
      }
      checked.references.push(read.reference);
      checked.logos += read.reference.logos?.length ?? 0;
      continue;
    }
    const { message } = read;
    const id = message.record.messageId;
    if (checked.messageIds.has(id)) {
      report(
        message.derivedId
          ? { ...at(read.item.path), rule: 'duplicateId', message: `an identical message without messageId, derived id "${id}" appears more than once` }
          : { ...at(`${read.item.path}/messageId`), rule: 'duplicateId', message: `messageId "${id}" appears more than once` },
      );
    }
    checked.messageIds.add(id);
    checked.eboxIds.add(message.record.eboxId);
    checked.messages += 1;
    checked.attachments += message.attachments.length;
    for (const use of message.uses) noteUse(uses, use, line);
    if (checked.messages % 1024 === 0) deps.onProgress?.({ messages: checked.messages, bytes });
  }
  deps.onProgress?.({ messages: checked.messages, bytes });

  // Reference data neither in the file nor in the database.
  for (const use of uses.values()) {
    if ((defined.get(use.kind) as Set<string>).has(use.id)) continue;
    if ((await findReference(deps.db, use.kind, use.id)) !== undefined) continue;
    const message = `no ${use.kind} "${use.id}" in the file (${REFERENCE_KINDS[use.kind].collection}) or in the database`;
    for (const where of use.at) report({ ...where, rule: 'unknownReference', message });
    issues.uncounted += use.more;
  }
  issues.throwIfAny();
  return checked;
}

function noteUse(uses: Map<string, Uses>, use: ReferenceUse, line: number | undefined): void {
  const key = `${use.kind}\u0000${use.id}`;
  let entry = uses.get(key);
  if (entry === undefined) {
    entry = { kind: use.kind, id: use.id, at: [], more: 0 };
    uses.set(key, entry);
  }
  if (entry.at.length < MAX_ISSUES) entry.at.push(line === undefined ? { path: use.path } : { path: use.path, line });
  else entry.more += 1;
}
