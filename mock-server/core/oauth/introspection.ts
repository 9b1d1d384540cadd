/**
 * Token introspection (RFC 7662).
 */
import { ApiError } from '../errors';
import type { Sandbox } from '../sandbox';
import { hashSecret } from '../secrets';
import { authenticateClient } from './client-auth';
import { isKnownHint, type OAuthParams, requiredParam } from './params';
import { grantedScopes, isLiveRefreshToken } from './tokens';

/** What introspection tells about a token that works right now. */
export interface ActiveToken {
  kind: 'access_token' | 'refresh_token';
  clientId: string;
  orgId: string;
  /** The user id, or the client id when the client acts as itself. */
  subject: string;
  /** The approving user's email; absent when the client acts as itself. */
  username?: string;
  /** As the token response stated it: `offline_access` included for tokens of a refresh family. */
  scopes: readonly string[];
  issuedAt: number;
  expiresAt: number;
}

/**
 * Tells the calling client whether a token it was issued works now, and what it allows. Any
 * other token (unknown, expired, revoked, used, another client's, a personal access token or
 * API key, or one whose user was removed) is just inactive (`null`), with no hint why.
 *
 * @throws ApiError `invalid_request` (missing or malformed `token`, unknown `token_type_hint`,
 *   several client authentication methods); `invalid_client` (including public clients, which
 *   cannot authenticate)
 * @see RFC 7662 §2.1 and §2.2
 */
export async function introspectOAuthToken(
  sandbox: Sandbox,
  request: { authorization: string | null | undefined; params: OAuthParams },
): Promise<ActiveToken | null> {
  const { params } = request;
  const token = requiredParam(params, 'token');
  const hint = params.token_type_hint;
  if (hint !== undefined && !isKnownHint(hint)) {
    throw new ApiError('invalid_request', 'token_type_hint must be access_token or refresh_token.', { field: 'token_type_hint' });
  }
  const { client } = await authenticateClient(sandbox, request, 'introspection');

  const hash = await hashSecret(token);
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const activeUser = (userId: string) => {
    const user = store.users.get(userId);
    return user && user.removedAt === null && store.orgs.get(user.orgId) ? user : undefined;
  };

  const access = store.accessTokens.find(hash);
  if (access) {
    const user = activeUser(access.userId);
    if (access.clientId !== client.id || access.revokedAt !== null || access.expiresAt === null || access.expiresAt <= now || !user) return null;
    const asClient = access.actsAs === 'client';
    return {
      kind: 'access_token',
      clientId: access.clientId,
      orgId: access.orgId,
      subject: asClient ? access.clientId : user.id,
      ...(asClient ? {} : { username: user.email }),
      scopes: grantedScopes(access.scopes, access.familyId !== null),
      issuedAt: access.createdAt,
      expiresAt: access.expiresAt,
    };
  }
  const refresh = store.refreshTokens.find(hash);
  const user = refresh && activeUser(refresh.userId);
  if (!refresh || refresh.clientId !== client.id || !isLiveRefreshToken(refresh, now) || !user) return null;
  return {
    kind: 'refresh_token',
    clientId: refresh.clientId,
    orgId: refresh.orgId,
    subject: user.id,
    username: user.email,
    scopes: grantedScopes(refresh.scopes, true),
    issuedAt: refresh.createdAt,
    expiresAt: refresh.expiresAt,
  };
}
