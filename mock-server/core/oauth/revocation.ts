/**
 * Token revocation (RFC 7009).
 */
import { ApiError } from '../errors';
import type { Sandbox } from '../sandbox';
import { hashSecret } from '../secrets';
import { authenticateClient } from './client-auth';
import { isKnownHint, type OAuthParams, requiredParam } from './params';
import { revokeTokenFamily } from './tokens';

/** Credentials that look like ours but are not OAuth tokens: recognised by prefix only, so nothing is looked up. */
function otherCredentialKind(token: string): string | undefined {
  if (token.startsWith('dsp_')) return 'Personal access tokens are revoked with DELETE /v1/tokens/{tokenId}, or by the token itself with DELETE /v1/me/credential.';
  if (/^(sk|rk)_(test|live)_/.test(token)) return 'API keys are revoked with DELETE /v1/api-keys/{keyId}, or by the key itself with DELETE /v1/me/credential.';
  return undefined;
}

/**
 * Revokes an access token, or a refresh token and its whole family, if the token was issued to
 * the calling client. Unknown, already revoked and other clients' tokens are left alone and the
 * call still succeeds, so it reveals nothing about them. The hint only says where to look first;
 * both kinds are always searched.
 *
 * @throws ApiError `invalid_request` (missing or malformed `token`, several client authentication
 *   methods); `invalid_client`; `unsupported_token_type` for a hint other than
 *   `access_token`/`refresh_token`, or a personal access token or API key
 * @see RFC 7009 §2.1 and §2.2
 */
export async function revokeOAuthToken(
  sandbox: Sandbox,
  request: { authorization: string | null | undefined; params: OAuthParams },
): Promise<void> {
  const { params } = request;
  const token = requiredParam(params, 'token');
  const { client } = await authenticateClient(sandbox, request, 'revocation');
  const hint = params.token_type_hint;
  if (hint !== undefined && !isKnownHint(hint)) {
    throw new ApiError('unsupported_token_type', 'token_type_hint must be access_token or refresh_token; no other token type is revoked here.', {
      field: 'token_type_hint',
    });
  }
  const elsewhere = otherCredentialKind(token);
  if (elsewhere !== undefined) throw new ApiError('unsupported_token_type', elsewhere);

  const hash = await hashSecret(token);
  const { store } = sandbox;
  const accessToken = store.accessTokens.find(hash);
  if (accessToken?.clientId === client.id && accessToken.revokedAt === null) store.accessTokens.update(accessToken.id, { revokedAt: sandbox.clock.now() });
  const refreshToken = store.refreshTokens.find(hash);
  if (refreshToken?.clientId === client.id) revokeTokenFamily(sandbox, refreshToken.familyId);
}
