/**
 * The one error family of the project. Services throw these; the error
 * middleware renders them as a contract StatusMessage. Anything else becomes a
 * logged, generic 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'INVALID_REQUEST', message);

export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `${what} not found`);

export const unauthorized = (message: string, error?: 'invalid_token') =>
  new ApiError(401, error ? 'INVALID_TOKEN' : 'MISSING_TOKEN', message, {
    'WWW-Authenticate': error ? `Bearer error="${error}"` : 'Bearer',
  });

export const forbidden = (scope: string) =>
  new ApiError(403, 'INSUFFICIENT_SCOPE', 'The access token does not grant the scope this operation needs', {
    'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
  });

export const notImplemented = (operationId: string) =>
  new ApiError(501, 'NOT_IMPLEMENTED', `${operationId} is not implemented by this Document Provider`);
