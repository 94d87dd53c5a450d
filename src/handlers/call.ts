import type { Identity } from '../auth/identity';
import type { Config } from '../config';
import type { Db } from '../db/types';
import type { Params } from '../http/params';
import type { Result } from '../http/result';
import type { Services } from '../services';

/** Everything a handler may use: validated parameters, the caller, and the services. */
export interface Call {
  params: Params;
  body: unknown;
  identity: Identity;
  /** Writes this call's audit record inside the transaction of the write it records. */
  recordWrite: (trx: Db) => Promise<void>;
  services: Services;
  config: Config;
  /** Request headers, lower-cased, for the few HTTP mechanisms the contract does not model (Range). */
  headers: Record<string, string | undefined>;
  /** The public root URL of this provider, for the links in responses. */
  baseUrl: string;
}

export type Handler = (call: Call) => Promise<Result>;

export const str = (params: Params, name: string): string => String(params[name]);

export const paging = (params: Params) => ({ page: Number(params.page), pageSize: Number(params.pageSize) });
