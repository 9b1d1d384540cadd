import type { Sandbox } from '../sandbox';
import { ApiError } from '../errors';
import type { CredentialRecord, Org, Role, User } from '../model';
import type { PlanTier } from '../rate-limit';
import { hashSecret } from '../secrets';
import { apiAudience, looksLikeJwt, verifyClientJwt } from './client-jwt';

export type CredentialKind = 'personal_access_token' | 'api_key' | 'oauth_access_token' | 'client_jwt';

/** How a principal proved itself: a credential, or (only where the spec allows) a password. */
export type PrincipalKind = CredentialKind | 'password';

/** Who a request acts as, once its bearer credential is accepted. */
export interface Principal {
  kind: PrincipalKind;
  /** The token or key id; for OAuth access tokens and client JWTs, the client id. */
  credentialId: string;
  /**
   * The stored record the presented secret matched (a personal access token, API key or OAuth
   * access token); absent for a client JWT and a password, which have none.
   */
  recordId?: string;
  org: Org;
  /**
   * `null` for the organization's service credentials: API keys, and OAuth clients acting as
   * themselves (client credentials, client JWT). They have no role; their scopes are their power.
   */
  user: User | null;
  role: Role | null;
  scopes: readonly string[];
  expiresAt: number | null;
  tier: PlanTier;
}

const bearerPattern = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

function refused(reason: 'missing' | 'unknown' | 'expired' | 'revoked' | 'malformed', message: string): ApiError {
  return new ApiError('invalid_token', message, { reason });
}

/**
 * Extracts the credential from an `Authorization: Bearer` header value.
 * @throws ApiError `invalid_token` when the header is missing or is not a bearer credential
 * @see RFC 6750 §2.1
 */
export function parseBearer(authorization: string | null | undefined): string {
  if (!authorization) throw refused('missing', 'This operation needs a credential: send Authorization: Bearer <token>.');
  const match = bearerPattern.exec(authorization);
  if (!match?.[1]) throw refused('malformed', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Resolves a presented bearer secret to the principal it acts as, and records its use.
 *
 * @throws ApiError `invalid_token` (details.reason: unknown, expired or revoked) for anything
 *   that is not a live credential of an active user
 */
export async function authenticateBearer(sandbox: Sandbox, secret: string): Promise<Principal> {
  if (/^(sk|rk)_live_/.test(secret)) {
    throw refused('unknown', 'Live keys do not work in the sandbox; use a test key (sk_test_ or rk_test_).');
  }
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const hash = await hashSecret(secret);

  let record: CredentialRecord | undefined;
  let kind: CredentialKind;
  let credentialId: string | undefined;
  let actsAsService = false;
  if (secret.startsWith('dsp_')) {
    record = store.pats.find(hash);
    kind = 'personal_access_token';
  } else if (/^(sk|rk)_test_/.test(secret)) {
    const key = store.apiKeys.find(hash);
    record = key;
    kind = 'api_key';
    actsAsService = true;
    // A rotated-out secret keeps working only until its grace period ends.
    if (key?.previousSecret?.secretHash === hash && key.previousSecret.expiresAt <= now) {
      throw refused('expired', 'This API key secret was rotated and its grace period is over; use the new secret.');
    }
  } else if (secret.startsWith('dsa_')) {
    const token = store.accessTokens.find(hash);
    record = token;
    kind = 'oauth_access_token';
    credentialId = token?.clientId;
    actsAsService = token?.actsAs === 'client';
  } else if (looksLikeJwt(secret)) {
    return authenticateClientJwt(sandbox, secret);
  } else {
    throw refused('unknown', 'The credential is not recognised.');
  }
  if (!record) throw refused('unknown', 'The credential is not recognised.');

  const org = store.orgs.get(record.orgId);
  const user = store.users.get(record.userId);
  if (record.revokedAt !== null || !org || (user && user.removedAt !== null)) {
    throw refused('revoked', 'The credential was revoked.');
  }
  if (record.expiresAt !== null && record.expiresAt <= now) throw refused('expired', 'The credential expired.');

  const used = { lastUsedAt: now };
  if (kind === 'personal_access_token') store.pats.update(record.id, used);
  else if (kind === 'api_key') store.apiKeys.update(record.id, used);
  else store.accessTokens.update(record.id, used);
  return {
    kind,
    credentialId: credentialId ?? record.id,
    recordId: record.id,
    org,
    user: actsAsService ? null : (user ?? null),
    role: actsAsService ? null : (user?.role ?? null),
    scopes: record.scopes,
    expiresAt: record.expiresAt,
    tier: org.tier,
  };
}

/** A client-signed JWT acts as its client, in the client's org, with no user behind it. */
async function authenticateClientJwt(sandbox: Sandbox, jwt: string): Promise<Principal> {
  const { client, scopes, expiresAt } = await verifyClientJwt(sandbox, jwt, apiAudience, 'invalid_token');
  const org = sandbox.store.orgs.get(client.orgId);
  const creator = sandbox.store.users.get(client.createdBy);
  if (!org || !creator || creator.removedAt !== null) throw refused('revoked', 'The client behind this JWT was removed.');
  return { kind: 'client_jwt', credentialId: client.id, org, user: null, role: null, scopes, expiresAt, tier: org.tier };
}

/**
 * The user accountable for a request: the principal's own user, or, for a service credential,
 * the user who created the API key or registered the OAuth client (recorded as `created_by`).
 * @throws ApiError `forbidden` when no such user can be found
 */
export function actingUserId(sandbox: Sandbox, principal: Principal): string {
  const { store } = sandbox;
  const userId =
    principal.user?.id ??
    (principal.kind === 'api_key' ? store.apiKeys.get(principal.credentialId)?.userId : store.clients.get(principal.credentialId)?.createdBy);
  if (userId === undefined) throw new ApiError('forbidden', 'This credential acts for no user of the organization.');
  return userId;
}
