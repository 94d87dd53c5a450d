import fs from 'node:fs/promises';
import { importPKCS8 } from 'jose';
import { allowInsecureRequests, ClientSecretBasic, Configuration, PrivateKeyJwt } from 'openid-client';
import { OwnToken } from '../auth/own-token';
import { ConfigError, isLoopbackHttp, type IntrospectionConfig } from '../config';
import type { Credentials } from './ees-client';

/**
 * EES_AUTH=oauth: the provider's own access token (client_credentials), from
 * the authorization server of the introspection settings, for EES_SCOPE. The
 * client authentication is the one introspection uses: private_key_jwt with
 * OAUTH_PRIVATE_KEY_FILE, or client_secret_basic with OAUTH_CLIENT_SECRET.
 */
export async function eesCredentials(settings: IntrospectionConfig, scope: string): Promise<Credentials> {
  let clientAuth;
  if (settings.privateKeyFile !== undefined) {
    let pem: string;
    try {
      pem = await fs.readFile(settings.privateKeyFile, 'utf8');
    } catch {
      throw new ConfigError('OAUTH_PRIVATE_KEY_FILE cannot be read');
    }
    try {
      clientAuth = PrivateKeyJwt(await importPKCS8(pem, 'RS256'));
    } catch {
      throw new ConfigError('OAUTH_PRIVATE_KEY_FILE is not a PKCS#8 PEM RSA private key');
    }
  } else {
    clientAuth = ClientSecretBasic(settings.clientSecret ?? '');
  }
  // As for introspection: openid-client signs the client assertion with aud = the issuer.
  const oauth = new Configuration({ issuer: settings.audience, token_endpoint: settings.tokenUrl.href }, settings.clientId, {}, clientAuth);
  oauth.timeout = settings.timeoutMs / 1000;
  if (isLoopbackHttp(settings.tokenUrl)) allowInsecureRequests(oauth);
  const token = new OwnToken(oauth, scope);
  return { get: () => token.get(), invalidate: (t) => token.invalidate(t) };
}
