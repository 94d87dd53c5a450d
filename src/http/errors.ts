/**
 * The one error family of the project: every failure a client can see has a
 * code from this catalogue, with its HTTP status. Services throw ApiErrors; the
 * error middleware renders them as a contract StatusMessage. Anything else
 * becomes a logged, generic 500.
 */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  INSUFFICIENT_SCOPE: 403,
  NO_EBOX_IN_TOKEN: 403,
  // Publication (POST /publishMessage, /linkEboxMessage): each refusal has a code a sender can act on.
  SENDER_MISMATCH: 403,
  SENDER_NOT_ALLOWED: 403,
  UNKNOWN_REFERENCE: 400,
  CITIZEN_RECIPIENT: 400,
  INVALID_RECIPIENT: 400,
  INVALID_ORIGINAL_MESSAGE: 400,
  INVALID_EXPIRATION_DATE: 400,
  NO_MAIN_CONTENT: 400,
  INVALID_MULTIPART: 400,
  MISSING_PART: 400,
  UNEXPECTED_PART: 400,
  INVALID_PART: 400,
  UNSUPPORTED_FILE_TYPE: 400,
  DIGEST_MISMATCH: 400,
  // Like PAYLOAD_TOO_LARGE, 400: the message names the limit and the setting that sets it.
  LIMIT_EXCEEDED: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // POST /certification/resetDataSet: a message id of the data set belongs to another e-Box, which a reset must not touch.
  DATA_SET_CONFLICT: 409,
  // 400, not 413: the contract declares 400 for a request out of bounds, and the issue of bounds is the client's.
  PAYLOAD_TOO_LARGE: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  INTERNAL_ERROR: 500,
  CONTENT_UNAVAILABLE: 500,
  AUTHORIZATION_SERVER_UNAVAILABLE: 503,
  SERVICE_STARTING: 503,
  SERVICE_STOPPING: 503,
  DATABASE_UNAVAILABLE: 503,
  AUDIT_UNAVAILABLE: 503,
  OVERLOADED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string) => new ApiError('INVALID_REQUEST', message);

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);

export const dataSetConflict = (ids: string[]) =>
  new ApiError('DATA_SET_CONFLICT', `The data set's message ids ${ids.join(', ')} belong to another e-Box; nothing was changed`);

export const noRoute = () => new ApiError('NOT_FOUND', 'No such resource');

export const methodNotAllowed = () => new ApiError('METHOD_NOT_ALLOWED', 'Method not allowed on this resource');

export const unauthorized = (message: string, error?: 'invalid_token') =>
  new ApiError(error ? 'INVALID_TOKEN' : 'MISSING_TOKEN', message, {
    'WWW-Authenticate': error ? `Bearer error="${error}"` : 'Bearer',
  });

export const forbidden = (scope: string) =>
  new ApiError('INSUFFICIENT_SCOPE', 'The access token does not grant the scope this operation needs', {
    'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
  });

export const noEboxInToken = () => new ApiError('NO_EBOX_IN_TOKEN', 'The access token does not identify an e-Box (no valid CBE number)');

export const unsupportedMediaType = (declared: string[]) =>
  new ApiError('UNSUPPORTED_MEDIA_TYPE', `The request body must be ${declared.join(' or ')}`);

export const rangeNotSatisfiable = (size: number) =>
  new ApiError('RANGE_NOT_SATISFIABLE', `The requested range is outside the ${size} bytes of the content`, {
    'Content-Range': `bytes */${size}`,
  });

export const authorizationServerUnavailable = (retryAfterSeconds: number) =>
  new ApiError('AUTHORIZATION_SERVER_UNAVAILABLE', 'The access token cannot be checked right now; retry later', {
    'Retry-After': String(retryAfterSeconds),
  });

export const serviceStarting = () =>
  new ApiError('SERVICE_STARTING', 'The service is starting (its database schema is being brought up to date); retry shortly', {
    'Retry-After': '5',
  });

export const serviceStopping = () =>
  new ApiError('SERVICE_STOPPING', 'This instance is stopping; another one will answer', { 'Retry-After': '1' });

export const storeUnavailable = () =>
  new ApiError('DATABASE_UNAVAILABLE', 'The message store cannot answer right now; retry later', { 'Retry-After': '1' });

export const auditUnavailable = () =>
  new ApiError('AUDIT_UNAVAILABLE', 'The audit trail cannot record this consultation right now, so it is not served; retry later', {
    'Retry-After': '5',
  });

export const overloaded = () => new ApiError('OVERLOADED', 'Too many requests in progress; retry shortly', { 'Retry-After': '1' });

export const contentUnavailable = () =>
  new ApiError('CONTENT_UNAVAILABLE', 'The stored bytes of this document cannot be read; quote the id when reporting it');

export const internalError = () => new ApiError('INTERNAL_ERROR', 'An unexpected error occurred; quote the id when reporting it');
