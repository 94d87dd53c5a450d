import { allowInsecureRequests, Configuration } from 'openid-client';
import { clientAuthentication } from '../auth/introspection';
import { OwnToken } from '../auth/own-token';
import { isLoopbackHttp, type IntrospectionConfig } from '../config';
import type { Credentials } from './ees-client';

/**
 * EES_AUTH=oauth: the provider's own access token (client_credentials), from
 * the authorization server of the introspection settings, for EES_SCOPE,
 * authenticated as introspection is (clientAuthentication).
 */
export async function eesCredentials(settings: IntrospectionConfig, scope: string): Promise<Credentials> {
  const clientAuth = await clientAuthentication(settings);
  // As for introspection: openid-client signs the client assertion with aud = the issuer.
  const oauth = new Configuration({ issuer: settings.audience, token_endpoint: settings.tokenUrl.href }, settings.clientId, {}, clientAuth);
  oauth.timeout = settings.timeoutMs / 1000;
  if (isLoopbackHttp(settings.tokenUrl)) allowInsecureRequests(oauth);
  const token = new OwnToken(oauth, scope);
  return { get: () => token.get(), invalidate: (t) => token.invalidate(t) };
}
