/**
 * A credential giving itself up. Any holder may revoke the credential it presents, with no scope
 * (the spirit of RFC 7009 §2: whoever holds a token may end it): the one thing a narrow or leaked
 * credential can always do, so signing out never depends on holding `manage:tokens`.
 */
import { ApiError } from '../errors';
import type { ApiKey, PersonalAccessToken } from '../model';
import type { Sandbox } from '../sandbox';
import { announceApiKeyRevoked, announceTokenRevoked } from '../webhooks/credential-events';
import { endApiKey } from './api-keys';
import type { Principal } from './authenticate';
import { revokeToken } from './personal-access-tokens';
import { type Expiring, isActive } from './status';

/** What a self-revocation ended. */
export type SelfRevocation =
  | { kind: 'personal_access_token'; token: PersonalAccessToken }
  | { kind: 'api_key'; key: ApiKey }
  | { kind: 'oauth_access_token' }
  /** Each client JWT is accepted once: the one just presented is already spent. */
  | { kind: 'client_jwt' };

/**
 * The record a concurrent request revoked or deleted after this one authenticated: refused as
 * authentication would refuse it now, never as a conflict.
 */
function stillLive<T extends Expiring>(record: T | undefined, now: number): T {
  if (!record || !isActive(record, now)) throw new ApiError('invalid_token', 'The credential was revoked.', { reason: 'revoked' });
  return record;
}

/**
 * Revokes the credential the request authenticated with, at once, and announces a personal
 * access token (`token.revoked`, reason `revoked`) or an API key (`api_key.revoked`), revoked by
 * whoever held it: the token's user, or the user who created the key. An API key is revoked whole
 * (current secret and, during a rotation's grace period, the previous one); an OAuth access token
 * alone (its refresh token, if any, is ended at `/oauth2/revoke`).
 *
 * @throws ApiError `invalid_token` when the record is no longer live; `invalid_request` for a
 *   password, which is not a credential that can be revoked
 */
export async function revokeCurrentCredential(sandbox: Sandbox, principal: Principal): Promise<SelfRevocation> {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  switch (principal.kind) {
    case 'personal_access_token': {
      const token = revokeToken(sandbox, stillLive(store.pats.get(principal.recordId ?? ''), now));
      await announceTokenRevoked(sandbox, token, token.userId, 'revoked');
      return { kind: 'personal_access_token', token };
    }
    case 'api_key': {
      const key = endApiKey(sandbox, stillLive(store.apiKeys.get(principal.recordId ?? ''), now));
      await announceApiKeyRevoked(sandbox, key, key.userId);
      return { kind: 'api_key', key };
    }
    case 'oauth_access_token':
      store.accessTokens.update(stillLive(store.accessTokens.get(principal.recordId ?? ''), now).id, { revokedAt: now });
      return { kind: 'oauth_access_token' };
    case 'client_jwt':
      return { kind: 'client_jwt' };
    case 'password':
      throw new ApiError('invalid_request', 'A password cannot be revoked; send the credential you want to revoke as Authorization: Bearer.');
  }
}
