import type { Db } from '../db/types';
import { eboxFigures } from '../db/repositories/message-list';
import type { Ebox } from '../contract/types';
import { toDateTime } from '../domain/dates';
import { kb } from '../domain/units';

export class EboxService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The summary of an e-Box over its messages that have not expired, hidden ones included. */
  async summary(eboxId: string): Promise<Ebox> {
    const f = await eboxFigures(this.db, eboxId, this.now());
    return {
      numberOfMessages: f.numberOfMessages,
      numberOfUnreadMessages: f.numberOfUnreadMessages,
      ...(f.lastReceiptAt !== null ? { lastReceiptDate: toDateTime(f.lastReceiptAt) } : {}),
      ...(f.lastConsultationAt !== null ? { lastConsultationDate: toDateTime(f.lastConsultationAt) } : {}),
      eboxSize: kb(f.attachmentBytes),
    };
  }
}
