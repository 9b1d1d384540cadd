/**
 * The `client_credentials` grant: a client acting as itself.
 */
import { ApiError } from '../errors';
import type { OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { holdsScope, offlineAccess } from '../scopes';
import { type OAuthParams, parseScope } from './params';
import { commitTokens, type IssuedTokenSet, mintSecret } from './tokens';

/**
 * `client_credentials`: the client acts as itself, as the member who registered it, with the
 * scopes it asks for (by default every permission scope it is allowed). No refresh token.
 *
 * @throws ApiError `invalid_scope` (offline_access, a scope beyond the client's, or none left);
 *   `invalid_request` when the token cap is reached
 * @see RFC 6749 §4.4
 */
export async function exchangeClientCredentials(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
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
