import type { Readable } from 'node:stream';
import type { operations, QueryDefaults } from '../../generated/operations';

/**
 * The contract's operations as types, derived from generated/operations.ts:
 * what a handler of each operationId receives and may answer. A parameter
 * renamed in spec/ is a compile error in the handler that reads it.
 */
export type OperationId = keyof operations;

type Operation<K extends OperationId> = operations[K];
type Present<T> = [NonNullable<T>] extends [never] ? Record<never, never> : NonNullable<T>;
type Defaulted<K extends OperationId> = K extends keyof QueryDefaults ? QueryDefaults[K] : never;

type QueryOf<K extends OperationId> = Present<Operation<K>['parameters']['query']>;
type PathOf<K extends OperationId> = Present<Operation<K>['parameters']['path']>;

/** Path and query parameters, converted to their contract types, defaults filled in. */
export type ParamsOf<K extends OperationId> = PathOf<K> & QueryOf<K> & Required<Pick<QueryOf<K>, Defaulted<K> & keyof QueryOf<K>>>;

type BodyContent<K extends OperationId> = Operation<K>['requestBody'] extends infer B
  ? B extends { content: infer C }
    ? C[keyof C]
    : never
  : never;

/** The request body as its schema describes it; undefined when the contract makes it optional and none came. */
export type BodyOf<K extends OperationId> = undefined extends Operation<K>['requestBody'] ? BodyContent<K> | undefined : BodyContent<K>;

type Responses<K extends OperationId> = Operation<K>['responses'];
/** Statuses a handler answers; errors are thrown (ApiError) and 304 is decided on the way out. */
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204 | 206>;

type Answer<Status, Response> = Response extends { content: { 'application/json': infer Body } }
  ? { status: Status; body: Body; headers?: Record<string, string> }
  : Response extends { content: object }
    ? { status: Status; stream: Readable; headers?: Record<string, string> }
    : { status: Status; headers?: Record<string, string> };

/** What a handler of operation K returns: one of its success statuses with the body that status declares. */
export type ResultOf<K extends OperationId> = { [S in SuccessStatus<K>]: Answer<S, Responses<K>[S]> }[SuccessStatus<K>];
