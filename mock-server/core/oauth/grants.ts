/**
 * The token endpoint: which grants it knows and how each one exchanges for tokens.
 */
import { ApiError, quote } from '../errors';
import type { OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { holdsScope, offlineAccess } from '../scopes';
import { hashSecret } from '../secrets';
import { exchangeAuthorizationCode } from './authorization-code';
import { authenticateClient, type ClientAuthRequest } from './client-auth';
import { exchangeDeviceCode } from './device';
import { type OAuthParams, parseScope, requiredParam } from './params';
import { commitTokens, type IssuedTokenSet, mintSecret, revokeTokenFamily } from './tokens';

/** Grant types by their RFC names (the spec's `GrantType`). */
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'urn:ietf:params:oauth:grant-type:device_code';

interface Grant {
  /** Only confidential clients may use it (RFC 6749 §4.4). */
  confidentialOnly: boolean;
  exchange(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet>;
}

const invalidRefreshToken = (): ApiError => new ApiError('invalid_grant', 'The refresh token is invalid, expired or revoked.');

/**
 * `client_credentials`: the client acts as itself, as the member who registered it, with the
 * scopes it asks for (by default every permission scope it is allowed). No refresh token.
 * @see RFC 6749 §4.4
 */
async function exchangeClientCredentials(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
  const allowed = client.allowedScopes.filter((scope) => scope !== offlineAccess);
  const requested = params.scope === undefined ? undefined : parseScope(params.scope);
  if (requested?.includes(offlineAccess)) {
    throw new ApiError('invalid_scope', 'offline_access cannot be requested with client_credentials: this grant issues no refresh token.', {
      field: 'scope',
    });
  }
  const beyond = requested?.find((scope) => !holdsScope(allowed, scope));
  if (beyond !== undefined) throw new ApiError('invalid_scope', `${beyond} is not among the scopes this client may request.`, { field: 'scope' });
  const scopes = requested ?? allowed;
  if (scopes.length === 0) throw new ApiError('invalid_scope', `${client.id} is allowed no scope it could use with client_credentials.`);

  const access = await mintSecret('dsa_');
  return commitTokens(sandbox, {
    client,
    orgId: client.orgId,
    userId: client.createdBy,
    actsAs: 'client',
    access: { minted: access, scopes },
    refresh: null,
  });
}

/**
 * `refresh_token`, with rotation: the presented token is retired and a new one issued in the same
 * family, with the same scopes. Presenting a retired token again is reuse: the whole family is
 * revoked. An optional `scope` narrows the new access token only (§6: the refresh token keeps its scope).
 * @see RFC 6749 §6 and §10.4; OAuth 2.0 Security BCP (RFC 9700) §4.14.2
 */
async function exchangeRefreshToken(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
  const presented = requiredParam(params, 'refresh_token');
  const presentedHash = await hashSecret(presented);
  const access = await mintSecret('dsa_');
  const refresh = await mintSecret('dsr_');

  // From here on no await: the checks and the rotation happen as one step.
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const token = store.refreshTokens.find(presentedHash);
  if (!token || token.clientId !== client.id || token.revokedAt !== null) throw invalidRefreshToken();
  if (token.usedAt !== null) {
    revokeTokenFamily(sandbox, token.familyId);
    throw new ApiError('invalid_grant', 'This refresh token was already used. Every token of this authorization has been revoked; sign in again.');
  }
  const user = store.users.get(token.userId);
  if (token.expiresAt <= now || !user || user.removedAt !== null) throw invalidRefreshToken();

  // offline_access is implied by the refresh token itself, so asking for it again narrows nothing.
  const requested = params.scope === undefined ? undefined : parseScope(params.scope).filter((scope) => scope !== offlineAccess);
  const beyond = requested?.find((scope) => !holdsScope(token.scopes, scope));
  if (beyond !== undefined) throw new ApiError('invalid_scope', `${beyond} was not granted to this refresh token.`, { field: 'scope' });

  return commitTokens(sandbox, {
    client,
    orgId: token.orgId,
    userId: token.userId,
    actsAs: 'user',
    access: { minted: access, scopes: requested ?? token.scopes },
    refresh: { minted: refresh, familyId: token.familyId, scopes: token.scopes },
    replaces: token,
  });
}

/**
 * The grants the token endpoint accepts. The metadata document lists exactly these, so adding a
 * grant is one line here.
 */
export const grants: Readonly<Partial<Record<GrantType, Grant>>> = {
  authorization_code: { confidentialOnly: false, exchange: exchangeAuthorizationCode },
  refresh_token: { confidentialOnly: false, exchange: exchangeRefreshToken },
  client_credentials: { confidentialOnly: true, exchange: exchangeClientCredentials },
  'urn:ietf:params:oauth:grant-type:device_code': { confidentialOnly: false, exchange: exchangeDeviceCode },
};

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

  const grant = Object.hasOwn(grants, grantType) ? grants[grantType as GrantType] : undefined;
  if (!grant) throw new ApiError('unsupported_grant_type', `grant_type ${quote(grantType)} is not supported.`);
  if (grant.confidentialOnly && client.type === 'public') {
    throw new ApiError('unauthorized_client', `${client.id} is a public client and may not use ${grantType}.`);
  }
  if (!client.grantTypes.includes(grantType)) {
    throw new ApiError('unauthorized_client', `${client.id} is not registered for the ${grantType} grant.`);
  }
  return grant.exchange(sandbox, client, params);
}
