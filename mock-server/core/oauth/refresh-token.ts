/**
 * The `refresh_token` grant, with rotation and reuse detection.
 */
import { ApiError } from '../errors';
import type { OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { holdsScope, offlineAccess } from '../scopes';
import { hashSecret } from '../secrets';
import { type OAuthParams, parseScope, requiredParam } from './params';
import { commitTokens, type IssuedTokenSet, mintSecret, revokeTokenFamily } from './tokens';

const invalidRefreshToken = (): ApiError => new ApiError('invalid_grant', 'The refresh token is invalid, expired or revoked.');

/**
 * `refresh_token`, with rotation: the presented token is retired and a new one issued in the same
 * family, with the same scopes. Presenting a retired token again is reuse: the whole family is
 * revoked. An optional `scope` narrows the new access token only (§6: the refresh token keeps its scope).
 *
 * @throws ApiError `invalid_request` (no `refresh_token`, token cap reached); `invalid_grant`
 *   (unknown, another client's, revoked, expired or reused token, or a removed user);
 *   `invalid_scope` (a scope the refresh token was not granted)
 * @see RFC 6749 §6 and §10.4; OAuth 2.0 Security BCP (RFC 9700) §4.14.2
 */
export async function exchangeRefreshToken(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
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
