import { unauthorized } from '../http/errors';

// RFC 6750 §2.1: the scheme is case-insensitive and the credentials are a token68.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The bearer token of an Authorization header; throws the 401 a client should see. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthorized('An access token is required (Authorization: Bearer <token>)');
  const match = BEARER.exec(header.trim());
  if (!match) throw unauthorized('The Authorization header is not a bearer token', 'invalid_token');
  return match[1];
}
