import type { Identity } from '../auth/identity';
import type { OperationId } from '../contract/operations';
import type { Params } from '../http/params';
import type { Result } from '../http/result';

/** What the request pipeline learns about one call, for its audit record. */
export interface AuditContext {
  atMicros: number;
  operationId?: OperationId;
  identity?: Identity;
  params?: Params;
  result?: Result;
  /** What a streamed request carried (the pipeline does not read its body): the audit details use it instead. */
  body?: unknown;
  /** Set when the record was written inside the transaction of the write itself. */
  recorded?: boolean;
}

/** An audit context once the caller and the operation are known. */
export type Identified = AuditContext & Required<Pick<AuditContext, 'identity' | 'operationId'>>;
