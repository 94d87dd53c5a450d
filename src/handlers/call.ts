import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Identity } from '../auth/identity';
import type { Config } from '../config';
import type { BodyOf, OperationId, ParamsOf, ResultOf } from '../contract/operations';
import type { Db } from '../db/types';
import type { Services } from '../services';

/** Everything a handler of operation K may use: its validated parameters and body, the caller, the services. */
export interface Call<K extends OperationId> {
  params: ParamsOf<K>;
  body: BodyOf<K>;
  identity: Identity;
  /**
   * Writes this call's audit record inside the transaction of the write it
   * records: with status 200 and the request body as details, unless `written`
   * says otherwise (a 201, details the handler learnt while writing).
   */
  recordWrite: (trx: Db, written?: { status: number; details: unknown }) => Promise<void>;
  /**
   * The request body itself, unread, when the operation streams it to its
   * handler (multipart/form-data); already consumed for every other operation.
   */
  stream: Readable;
  /** For a streamed body, which the pipeline never sees: what the request carried, as its audit record should tell it. */
  noteBody: (body: unknown) => void;
  services: Services;
  config: Config;
  /** Request headers, for the few HTTP mechanisms the contract does not model (Range). */
  headers: IncomingHttpHeaders;
  /** The public root URL of this provider, for the links in responses. */
  baseUrl: string;
}

export type Handler<K extends OperationId> = (call: Call<K>) => Promise<ResultOf<K>>;

/** One handler per operation of the contract: a missing or misspelt one is a compile error. */
export type Handlers = { [K in OperationId]: Handler<K> };

/** A module's share of the handlers, checked against the contract's operationIds. */
export type HandlerGroup = Partial<Handlers>;
