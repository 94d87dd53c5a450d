/** Who is calling: always derived from the access token, never from the request. */
export interface Identity {
  /** The caller's e-Box: a 10-digit CBE number. */
  eboxId: string;
  /** Full scope names granted to the token. */
  scopes: ReadonlySet<string>;
  clientId: string;
  /** SHA-256 (hex) of the access token: what logs and the audit trail may carry. */
  tokenHash: string;
}

export interface Authenticator {
  /** Resolves the identity behind a bearer token, or throws an ApiError (401). */
  authenticate(token: string): Promise<Identity>;
}
