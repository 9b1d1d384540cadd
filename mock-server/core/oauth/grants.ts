/**
 * The grant table: every grant type the sandbox knows, what a client registered for it must be
 * and have, and how it exchanges for tokens. The token endpoint dispatches through it, client
 * registration checks against it, and the metadata document lists its keys.
 *
 * Adding a grant type: add it to the spec's `GrantType` enum, write its exchange module, and add
 * its entry here; the table is typed `Record<GrantType, Grant>`, so a grant without an entry (or
 * an entry the spec does not name) fails the typecheck.
 */
import { ApiError, quote } from '../errors';
import type { AccessToken, OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { exchangeAuthorizationCode } from './authorization-code';
import { authenticateClient, type ClientAuthRequest } from './client-auth';
import { exchangeClientCredentials } from './client-credentials';
import { exchangeDeviceCode } from './device';
import { deviceCodeGrantType, type GrantType } from './grant-types';
import type { OAuthParams } from './params';
import { exchangeRefreshToken } from './refresh-token';
import type { IssuedTokenSet } from './tokens';

/** Something a client registered for a grant must have besides the grant itself. */
export type GrantNeed = 'redirect_uri' | 'offline_access';

/** One grant type: who may register for it and use it, and its exchange. */
export interface Grant {
  /** Only confidential clients may register for it and use it (RFC 6749 §4.4: it needs a secret). */
  confidentialOnly: boolean;
  /** What registration insists on: a redirect URI to send codes to, `offline_access` to issue refresh tokens under. */
  needs: readonly GrantNeed[];
  /** Whom its access tokens act as: the approving user, or the client itself (see `AccessToken.actsAs`). */
  actsAs: AccessToken['actsAs'];
  /** Exchanges the token request's parameters for tokens; the client is already authenticated and registered for the grant. */
  exchange(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet>;
}

/** The grants, one entry per spec `GrantType`, in the order the metadata document lists them. */
export const grants: Readonly<Record<GrantType, Grant>> = {
  authorization_code: { confidentialOnly: false, needs: ['redirect_uri'], actsAs: 'user', exchange: exchangeAuthorizationCode },
  refresh_token: { confidentialOnly: false, needs: ['offline_access'], actsAs: 'user', exchange: exchangeRefreshToken },
  client_credentials: { confidentialOnly: true, needs: [], actsAs: 'client', exchange: exchangeClientCredentials },
  [deviceCodeGrantType]: { confidentialOnly: false, needs: [], actsAs: 'user', exchange: exchangeDeviceCode },
};

/** Whether the sandbox knows a grant type by this name. */
export const isGrantType = (name: string): name is GrantType => Object.hasOwn(grants, name);

/** The grant types the token endpoint accepts, in a stable order. */
export const supportedGrantTypes = (): GrantType[] => Object.keys(grants) as GrantType[];

/**
 * The token endpoint: authenticates the client, checks it may use the grant, and exchanges the
 * grant for tokens. Checks run in RFC 6749 §5.2 order; nothing is written unless every one passes
 * (except that refresh-token reuse revokes the family before refusing, by design).
 *
 * @throws ApiError `invalid_request` (missing or malformed parameter, several client
 *   authentication methods, token cap reached); `invalid_client`; `unsupported_grant_type`;
 *   `unauthorized_client` (public client, or a grant the client is not registered for);
 *   `invalid_grant`; `invalid_scope`
 * @see RFC 6749 §3.2, §5.1 and §5.2
 */
export async function exchangeGrant(sandbox: Sandbox, request: ClientAuthRequest): Promise<IssuedTokenSet> {
  const { params } = request;
  const grantType = params.grant_type;
  if (grantType === undefined) throw new ApiError('invalid_request', 'The grant_type parameter is required.', { field: 'grant_type' });
  const { client } = await authenticateClient(sandbox, request, 'token');

  if (!isGrantType(grantType)) throw new ApiError('unsupported_grant_type', `grant_type ${quote(grantType)} is not supported.`);
  const grant = grants[grantType];
  if (grant.confidentialOnly && client.type === 'public') {
    throw new ApiError('unauthorized_client', `${client.id} is a public client and may not use ${grantType}.`);
  }
  if (!client.grantTypes.includes(grantType)) {
    throw new ApiError('unauthorized_client', `${client.id} is not registered for the ${grantType} grant.`);
  }
  return grant.exchange(sandbox, client, params);
}
