import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import type { CertificationConfig } from '../config';
import type { CertificationReset, CertificationVersion } from '../contract/types';
import { rootDir, specPath } from '../contract/spec-path';
import { allMessageIdsOf, forgetConsultation, idsHeldElsewhere } from '../db/repositories/certification';
import { addBlobOrphans, attachmentBlobKeys, deleteMessages, unreferencedBlobKeys } from '../db/repositories/retention';
import { dayOf, daysBetween, shiftDays } from '../domain/dates';
import { dataSetConflict, notFound } from '../http/errors';
import { importData } from './importer';

/** The conformance kit's data set, in the import format; its dates are written as if the reset happened the day after its newest message. */
export const CERTIFICATION_DATA_SET = path.join(rootDir, 'conformance', 'dataset', 'certification.json');

interface DataSetMessage {
  eboxId: string;
  messageId: string;
  receiptDate: string;
  expirationDate: string;
  paymentData?: { dueDate: string };
}

/** What a reset reads and moves of the data set; the rest goes to the importer as it is. */
export interface CertificationDataSet {
  messages: DataSetMessage[];
}

/** The day the data set is written for: the one after its newest receipt (Brussels). */
export function anchorDayOf(dataSet: CertificationDataSet): string {
  const newest = Math.max(...dataSet.messages.map((m) => Date.parse(m.receiptDate)));
  return dayOf(newest + 24 * 3600 * 1000);
}

/** The data set for the test e-Box, its dates moved by whole days so that its anchor day is `day`. */
export function placeDataSet(dataSet: CertificationDataSet, eboxId: string, day: string): CertificationDataSet {
  const days = daysBetween(anchorDayOf(dataSet), day);
  return {
    ...dataSet,
    messages: dataSet.messages.map((m) => ({
      ...m,
      eboxId,
      receiptDate: shiftDays(m.receiptDate, days),
      expirationDate: shiftDays(m.expirationDate, days),
      ...(m.paymentData ? { paymentData: { ...m.paymentData, dueDate: shiftDays(m.paymentData.dueDate, days) } } : {}),
    })),
  };
}

/** A reset's audit record, written in its transaction. */
export type RecordReset = (trx: Knex.Transaction, details: Record<string, unknown>) => Promise<void>;

/**
 * The federation's draft certification: what answers (version) and a reset of
 * the test e-Box to the kit's data set. Both exist only when the operator
 * named a test e-Box (CERTIFICATION_EBOX); otherwise they are 404, as if absent.
 */
export class CertificationService {
  private readonly version: CertificationVersion;

  constructor(
    private readonly db: Knex,
    private readonly blobs: BlobStore,
    private readonly config: CertificationConfig,
    private readonly now: () => number = Date.now,
  ) {
    const pkg = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { name: string; version: string };
    const contractVersion = /^ {2}version: '?([^'\n]+)'?$/m.exec(fs.readFileSync(specPath, 'utf8'))?.[1] ?? 'unknown';
    this.version = { name: pkg.name, version: pkg.version, contractVersion, build: config.build };
  }

  describe(): CertificationVersion {
    this.testEbox();
    return this.version;
  }

  /**
   * Replaces every message of the test e-Box (expired ones too) with the data
   * set, through the importer, in one transaction with the audit record: the
   * old messages' rows go, their bytes are left to the sweep as orphans
   * (shared bytes stay), and no event is sent to the EES for the new ones.
   * Reference data of the data set is upserted like any import's; no other
   * e-Box is touched.
   */
  async reset(record: RecordReset): Promise<CertificationReset> {
    const eboxId = this.testEbox();
    const started = this.now();
    const referenceDay = dayOf(started);
    const dataSet = JSON.parse(await fs.promises.readFile(CERTIFICATION_DATA_SET, 'utf8')) as CertificationDataSet;
    const placed = placeDataSet(dataSet, eboxId, referenceDay);
    await importData(placed, path.dirname(CERTIFICATION_DATA_SET), {
      db: this.db,
      blobs: this.blobs,
      now: this.now,
      events: false,
      // One batch, so that emptying the e-Box and filling it again are one transaction.
      batchSize: placed.messages.length + 1,
      beforeFirstBatch: async (trx) => {
        // Message ids are unique across e-Boxes: an id of the data set held elsewhere would be taken from its e-Box.
        const elsewhere = await idsHeldElsewhere(trx, eboxId, placed.messages.map((m) => m.messageId));
        if (elsewhere.length > 0) throw dataSetConflict(elsewhere);
        const removed = await allMessageIdsOf(trx, eboxId);
        const keys = await attachmentBlobKeys(trx, removed);
        await deleteMessages(trx, removed);
        await addBlobOrphans(trx, await unreferencedBlobKeys(trx, keys), started);
        await forgetConsultation(trx, eboxId);
        await record(trx, { referenceDay, messagesRemoved: removed.length, messageIds: placed.messages.map((m) => m.messageId) });
      },
    });
    return { referenceDay, numberOfMessages: placed.messages.length };
  }

  private testEbox(): string {
    if (this.config.eboxId === undefined) throw notFound('Certification test e-Box');
    return this.config.eboxId;
  }
}
