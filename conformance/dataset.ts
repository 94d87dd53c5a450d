import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';

/**
 * The kit's data set for the certification profile: an import file (the
 * format of this project's `npm run import`), written as if the reset
 * happened on the day after its newest message. A reset places it on the
 * day it happens: every date moves by the same number of Brussels calendar
 * days, keeping its wall-clock time there (so a message at 23:59:30 stays
 * one, summer time or not).
 */

// The import file as the kit reads it: the contract's objects plus eboxId and content.
export type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DataSet {
  senderOrganizations: Item[];
  senderApplications: Item[];
  messageTypes: Item[];
  messages: Item[];
}

const ZONE = 'Europe/Brussels';

export function dataSetFile(): string {
  let dir = __dirname;
  const relative = path.join('conformance', 'dataset', 'certification.json');
  while (!fs.existsSync(path.join(dir, relative))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${relative} not found above ${__dirname}`);
    dir = parent;
  }
  return path.join(dir, relative);
}

export function loadDataSet(file = dataSetFile()): DataSet {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DataSet;
}

const toUtc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })?.replace('.000', '') ?? '';

/** The day the file is written for: the one after its newest receiptDate. */
export function anchorDay(dataSet: DataSet): string {
  const newest = DateTime.max(...dataSet.messages.map((m) => DateTime.fromISO(m.receiptDate, { zone: ZONE })));
  return newest?.plus({ days: 1 }).toISODate() ?? '';
}

/** The data set as a provider holds it after a reset on `day`. */
export function placed(dataSet: DataSet, day: string): DataSet {
  const days = Math.round(DateTime.fromISO(day, { zone: 'UTC' }).diff(DateTime.fromISO(anchorDay(dataSet), { zone: 'UTC' }), 'days').days);
  const shift = (iso: string) => toUtc(DateTime.fromISO(iso, { zone: ZONE }).plus({ days }));
  return {
    ...dataSet,
    messages: dataSet.messages.map((m) => ({
      ...m,
      receiptDate: shift(m.receiptDate),
      expirationDate: shift(m.expirationDate),
      ...(m.paymentData ? { paymentData: { ...m.paymentData, dueDate: shift(m.paymentData.dueDate) } } : {}),
    })),
  };
}

/** The bytes of an attachment or logo of the file (inline base64; the kit's file has no contentFile). */
export const bytesOf = (item: Item): Buffer => Buffer.from(String(item.content ?? ''), 'base64');
