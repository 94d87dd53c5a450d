import { sha256Hex } from '../domain/hash';
import { unauthorized } from '../http/errors';
import { normalizeCbe } from '../domain/cbe';
import type { Authenticator, Identity } from './identity';
import { CONSULTATION_SCOPES, SCOPE_NAMES, SCOPE_PREFIX } from './scopes';

/**
 * AUTH_MODE=dev: `dev.<cbe>` is e-Box <cbe> with every consultation scope;
 * `dev.<cbe>.<s1>+<s2>` has only the named scopes (last segment of their name).
 * For development and tests only: the server refuses this mode in production.
 */
export class DevAuthenticator implements Authenticator {
  async authenticate(token: string): Promise<Identity> {
    const [prefix, cbe, scopeList, ...rest] = token.split('.');
    const eboxId = cbe === undefined ? undefined : normalizeCbe(cbe);
    if (prefix !== 'dev' || eboxId === undefined || rest.length > 0) {
      throw unauthorized('Unknown development token (expected dev.<cbe> or dev.<cbe>.<scope>+<scope>)', 'invalid_token');
    }
    let scopes = CONSULTATION_SCOPES;
    if (scopeList !== undefined) {
      const names = scopeList.split('+');
      if (names.some((n) => !(SCOPE_NAMES as readonly string[]).includes(n))) {
        throw unauthorized(`Unknown scope in development token; known: ${SCOPE_NAMES.join(', ')}`, 'invalid_token');
      }
      scopes = names.map((n) => SCOPE_PREFIX + n);
    }
    return {
      eboxId,
      scopes: new Set(scopes),
      clientId: 'dev',
      tokenHash: sha256Hex(token),
    };
  }
}
