import type { Db } from '../types';
import { int } from '../rows';

/** One audit record, with the field names of the federation's audit requirements. */
export interface AuditRecord {
  atMicros: number;
  TIMESTAMP: string;
  SUBJECT_TOKEN_HASHED: string;
  CLIENT_ID: string;
  API_CALL_REQUEST_METHOD: string;
  API_CALL_REQUEST_URL: string;
  API_CALL_RESPONSE_CODE: number;
  API_CALL_DETAILS: Record<string, unknown>;
}

const toRow = (r: AuditRecord) => ({
  at_us: r.atMicros,
  timestamp: r.TIMESTAMP,
  subject_token_hashed: r.SUBJECT_TOKEN_HASHED,
  client_id: r.CLIENT_ID,
  request_method: r.API_CALL_REQUEST_METHOD,
  request_url: r.API_CALL_REQUEST_URL,
  response_code: r.API_CALL_RESPONSE_CODE,
  details: JSON.stringify(r.API_CALL_DETAILS),
});

const toRecord = (row: Record<string, unknown>): AuditRecord => ({
  atMicros: int(row.at_us),
  TIMESTAMP: String(row.timestamp),
  SUBJECT_TOKEN_HASHED: String(row.subject_token_hashed),
  CLIENT_ID: String(row.client_id),
  API_CALL_REQUEST_METHOD: String(row.request_method),
  API_CALL_REQUEST_URL: String(row.request_url),
  API_CALL_RESPONSE_CODE: int(row.response_code),
  API_CALL_DETAILS: JSON.parse(String(row.details)),
});

export async function appendAudit(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length > 0) await db.batchInsert('audit_records', records.map(toRow), 200);
}

/** Records with atMicros in [fromMicros, toMicros), oldest first, read page by page. */
export async function* auditRecords(db: Db, fromMicros: number, toMicros: number, pageSize = 1000): AsyncGenerator<AuditRecord> {
  let afterId = 0;
  for (;;) {
    const rows = await db('audit_records')
      .where('at_us', '>=', fromMicros)
      .andWhere('at_us', '<', toMicros)
      .andWhere('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize);
    for (const row of rows) yield toRecord(row);
    if (rows.length < pageSize) return;
    afterId = int(rows[rows.length - 1].id);
  }
}
