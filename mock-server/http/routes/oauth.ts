import type { Context, Hono } from 'hono';

import type { ClientAuthRequest } from '../../core/oauth/client-auth';
import { requestDeviceAuthorization } from '../../core/oauth/device';
import { exchangeGrant } from '../../core/oauth/grants';
import { introspectOAuthToken } from '../../core/oauth/introspection';
import { describeAuthorizationServer } from '../../core/oauth/metadata';
import { type OAuthParams, presentParams } from '../../core/oauth/params';
import { revokeOAuthToken } from '../../core/oauth/revocation';
import type { AppEnv } from '../env';
import { defineOperation } from '../operation';
import type { components } from '../types';
import { registerAuthorizeRoutes } from './oauth-authorize';
import { registerDeviceRoutes } from './oauth-device';

type OAuthScope = components['schemas']['OAuthScope'];

/** RFC 6749 §5.1: responses that carry or describe tokens must not be cached. */
const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** The issuer is the origin the request reached, so the browser sandbox and the Node mock each describe themselves. */
export const issuerOf = (c: Context<AppEnv>): string => new URL(c.req.url).origin;

/** The client authentication header and the form parameters (already checked by the wrapper) of an OAuth request. */
function oauthRequest(c: Context<AppEnv>, form: Readonly<Record<string, string | undefined>>): { authorization: string | undefined; params: OAuthParams } {
  return { authorization: c.req.header('authorization'), params: presentParams(form) };
}

/**
 * A token request: a `client_assertion` may name the token endpoint URL or the issuer identifier
 * as its audience (RFC 7523 §3; oauth4webapi and other recent clients send the issuer).
 */
function tokenRequest(c: Context<AppEnv>, form: Readonly<Record<string, string | undefined>>): ClientAuthRequest {
  const issuer = issuerOf(c);
  return { ...oauthRequest(c, form), assertionAudiences: [`${issuer}/oauth2/token`, issuer] };
}

/**
 * The authorization server: metadata, the authorization and device pages, and the token, device
 * authorization, revocation and introspection endpoints.
 */
export function registerOAuthRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'getAuthorizationServerMetadata', ({ c, json }) => json(200, describeAuthorizationServer(issuerOf(c))));
  registerAuthorizeRoutes(app);
  registerDeviceRoutes(app);

  defineOperation(app, 'exchangeCredentialsForAccessToken', async ({ c, form, json }) => {
    const issued = await exchangeGrant(c.get('sandbox'), tokenRequest(c, form));
    return json(
      200,
      {
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        ...(issued.refreshToken === undefined ? {} : { refresh_token: issued.refreshToken }),
        scope: issued.scopes.join(' ') as OAuthScope,
      },
      noStore,
    );
  });

  defineOperation(app, 'requestDeviceAuthorization', async ({ c, form, json }) => {
    const issued = await requestDeviceAuthorization(c.get('sandbox'), oauthRequest(c, form));
    const verificationUri = c.env?.deviceVerificationUri ?? `${issuerOf(c)}/device`;
    return json(
      200,
      {
        device_code: issued.deviceCode,
        user_code: issued.userCode,
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${issued.userCode}`,
        expires_in: issued.expiresIn,
        interval: issued.interval,
      },
      noStore,
    );
  });

  defineOperation(app, 'revokeToken', async ({ c, form }) => {
    await revokeOAuthToken(c.get('sandbox'), oauthRequest(c, form));
    // RFC 7009 §2.2: success has no body to describe.
    return c.body(null, 200);
  });

  defineOperation(app, 'introspectToken', async ({ c, form, json }) => {
    const token = await introspectOAuthToken(c.get('sandbox'), oauthRequest(c, form));
    if (!token) return json(200, { active: false }, noStore);
    return json(
      200,
      {
        active: true,
        scope: token.scopes.join(' ') as OAuthScope,
        client_id: token.clientId,
        ...(token.username === undefined ? {} : { username: token.username }),
        sub: token.subject,
        org_id: token.orgId,
        token_type: token.kind === 'access_token' ? 'Bearer' : 'refresh_token',
        exp: Math.floor(token.expiresAt / 1000),
        iat: Math.floor(token.issuedAt / 1000),
        iss: issuerOf(c),
        aud: 'datastack-api',
      },
      noStore,
    );
  });
}
