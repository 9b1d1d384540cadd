/**
 * The `authorization_code` grant: redeeming the code the consent page issued.
 */
import { ApiError } from '../errors';
import type { AuthorizationCode, OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { constantTimeEqual, hashSecret } from '../secrets';
import { type OAuthParams, requiredParam } from './params';
import { codeVerifierPattern, s256Challenge } from './pkce';
import { commitUserGrant, type IssuedTokenSet, mintUserGrant, revokeTokenFamily } from './tokens';

const invalidCode = (): ApiError => new ApiError('invalid_grant', 'The authorization code is invalid, expired or was issued to another client.');

/** Revokes the tokens a code's redemption issued (and, through the family, every rotation since). */
function revokeIssued(sandbox: Sandbox, code: AuthorizationCode): void {
  if (!code.issued) return;
  const now = sandbox.clock.now();
  const access = sandbox.store.accessTokens.get(code.issued.accessTokenId);
  if (access && access.revokedAt === null) sandbox.store.accessTokens.update(access.id, { revokedAt: now });
  if (code.issued.familyId !== null) revokeTokenFamily(sandbox, code.issued.familyId);
}

/**
 * `authorization_code` with PKCE: the code must be unused, unexpired and issued to this client;
 * `redirect_uri` must be the exact string of the authorization request, and the S256 hash of
 * `code_verifier` must equal its `code_challenge`. The user must still be a member. A code
 * presented a second time is refused and everything its first redemption issued is revoked.
 *
 * @throws ApiError `invalid_request` (missing or malformed `code`, `redirect_uri` or
 *   `code_verifier`); `invalid_grant` (unknown, expired, replayed or another client's code,
 *   redirect URI or verifier mismatch, user removed); `invalid_scope`; `invalid_request` (token cap)
 * @see RFC 6749 §4.1.3 and §4.1.2 (replay); RFC 7636 §4.5 and §4.6
 */
export async function exchangeAuthorizationCode(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
  const code = requiredParam(params, 'code');
  const redirectUri = requiredParam(params, 'redirect_uri', 2048);
  const verifier = params.code_verifier;
  if (verifier === undefined) {
    throw new ApiError('invalid_request', 'The code_verifier parameter is required (PKCE).', { field: 'code_verifier' });
  }
  if (!codeVerifierPattern.test(verifier)) {
    throw new ApiError('invalid_request', 'code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and -._~ (RFC 7636).', {
      field: 'code_verifier',
    });
  }
  const codeHash = await hashSecret(code);
  const challenge = await s256Challenge(verifier);
  const minted = await mintUserGrant(true);

  // From here on no await: two redemptions of one code cannot both pass the checks.
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const record = store.authorizationCodes.find(codeHash);
  if (!record || record.clientId !== client.id) throw invalidCode();
  if (record.usedAt !== null) {
    revokeIssued(sandbox, record);
    throw new ApiError('invalid_grant', 'This authorization code was already used. The tokens issued for it have been revoked; sign in again.');
  }
  if (record.expiresAt <= now) throw invalidCode();
  if (record.redirectUri !== redirectUri) {
    throw new ApiError('invalid_grant', 'redirect_uri must be exactly the one sent to /oauth2/authorize.', { field: 'redirect_uri' });
  }
  if (!constantTimeEqual(challenge, record.codeChallenge)) {
    throw new ApiError('invalid_grant', 'The code_verifier does not match the code_challenge of the authorization request.', {
      field: 'code_verifier',
    });
  }
  const user = store.users.get(record.userId);
  if (!user) throw invalidCode();

  const issued = commitUserGrant(sandbox, { client, user, scopes: record.scopes, offline: record.offline }, minted);
  store.authorizationCodes.update(record.id, { usedAt: now, issued: { accessTokenId: issued.accessTokenId, familyId: issued.familyId } });
  return issued;
}
