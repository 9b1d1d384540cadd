/**
 * API keys: organization credentials for scripts, CI jobs and services. Created with fixed scopes,
 * renamed, rotated with a grace period for the old secret, and revoked.
 */
import { ApiError, capReached } from '../errors';
import type { ApiKey, KeyEnvironment } from '../model';
import { findInOrg, pageInOrg } from '../org-rows';
import { newestFirst, type Page, type PageRequest } from '../paginate';
import { randomId, randomString } from '../random';
import type { Sandbox } from '../sandbox';
import { checkGrantable } from '../roles';
import { checkPatOrKeyScopes, holdsScope } from '../scopes';
import { hashSecret, secretHint } from '../secrets';
import { storeCaps } from '../store';
import { announceApiKeyCreated, announceApiKeyRevoked } from '../webhooks/credential-events';
import { actingUserId, type Principal } from './authenticate';
import { credentialRecord } from './record';
import { type CredentialStatus, credentialStatus } from './status';

const day = 86_400_000;

/** The furthest ahead `expires_at` may be (the spec: at most two years away). */
export const maxKeyLifetimeMs = 730 * day;

/** How long a rotated-out secret keeps working when the caller does not say (the spec's default). */
export const defaultGracePeriodSeconds = 86_400;

/** The longest grace period the spec allows (7 days). */
export const maxGracePeriodSeconds = 604_800;

export interface ApiKeyRequest {
  name: string;
  scopes: readonly string[];
  environment: KeyEnvironment;
  restricted?: boolean | undefined;
  /** ISO 8601 date-time, as sent. */
  expiresAt?: string | undefined;
}

/** A key with the secret to show exactly once (create and rotate). */
export interface IssuedApiKey {
  key: ApiKey;
  secret: string;
}

/** Where a key stands at this moment of the sandbox clock (the status every credential shares). */
export const apiKeyStatus = (key: ApiKey, now: number): CredentialStatus => credentialStatus(key, now);

/** Until when the rotated-out secret still works; null when no old secret is accepted any more. */
export function previousSecretExpiresAt(key: ApiKey, now: number): number | null {
  if (!key.previousSecret || apiKeyStatus(key, now) !== 'active' || key.previousSecret.expiresAt <= now) return null;
  return key.previousSecret.expiresAt;
}

function newSecret(restricted: boolean): string {
  return `${restricted ? 'rk' : 'sk'}_test_${randomString(32)}`;
}

function checkExpiry(expiresAt: string, now: number): number {
  const ms = Date.parse(expiresAt);
  if (Number.isNaN(ms)) throw new ApiError('invalid_request', 'expires_at must be an RFC 3339 date-time.', { field: 'expires_at' });
  if (ms <= now) throw new ApiError('invalid_request', 'expires_at must be in the future.', { field: 'expires_at' });
  if (ms > now + maxKeyLifetimeMs) {
    throw new ApiError('invalid_request', 'expires_at must be at most two years away.', { field: 'expires_at' });
  }
  return ms;
}

/**
 * Creates a test-mode key in the caller's organization and announces it (`api_key.created`). A key is a service credential of the
 * organization: it acts for no user and has no role, so its scopes are its whole power. It can
 * hold only scopes the caller's own credential holds and the caller's role may grant (only an
 * admin can make a key that administers the organization), and a restricted key only `read:` scopes.
 *
 * @throws ApiError `live_mode_unavailable` for `environment: live`; `invalid_request` for an
 *   unknown scope, a non-read scope on a restricted key or a bad `expires_at`; `conflict` for a
 *   full organization; `insufficient_scope` naming a requested scope the caller lacks;
 *   `forbidden` for a scope the caller's role may not grant
 */
export async function createApiKey(sandbox: Sandbox, principal: Principal, request: ApiKeyRequest): Promise<IssuedApiKey> {
  const restricted = request.restricted ?? false;
  // Hashed before the checks: no await lies between the last check and the write.
  const secret = newSecret(restricted);
  const secretHash = await hashSecret(secret);
  const now = sandbox.clock.now();
  if (request.environment !== 'test') {
    throw new ApiError('live_mode_unavailable', 'The sandbox can only create test keys; use environment: test.', { field: 'environment' });
  }
  const scopes = [...request.scopes];
  if (scopes.length === 0) throw new ApiError('invalid_request', 'scopes needs at least one scope.', { field: 'scopes' });
  checkPatOrKeyScopes(scopes, 'scopes');
  if (new Set(scopes).size !== scopes.length) throw new ApiError('invalid_request', 'scopes lists a scope twice.', { field: 'scopes' });
  scopes.forEach((scope, i) => {
    if (restricted && !scope.startsWith('read:')) {
      throw new ApiError('invalid_request', `A restricted key (rk_) holds only read: scopes; scopes[${i}] is ${scope}.`, {
        field: `scopes[${i}]`,
      });
    }
  });
  checkGrantable(principal, scopes);
  const missing = scopes.find((scope) => !holdsScope(principal.scopes, scope));
  if (missing !== undefined) {
    throw new ApiError('insufficient_scope', `A key cannot hold more than the credential creating it: this credential lacks ${missing}.`, {
      required_scope: missing,
    });
  }
  const expiresAt = request.expiresAt === undefined ? null : checkExpiry(request.expiresAt, now);
  const orgId = principal.org.id;
  const { apiKeys } = sandbox.store;
  if (apiKeys.count((key) => key.orgId === orgId) >= storeCaps.apiKeysPerOrg) {
    throw capReached(
      storeCaps.apiKeysPerOrg,
      `The organization already has ${storeCaps.apiKeysPerOrg} API keys (revoked ones included), the most the sandbox keeps; POST /sandbox/reset starts afresh.`,
    );
  }
  const userId = actingUserId(sandbox, principal);

  const key: ApiKey = {
    ...credentialRecord({ id: randomId('key'), orgId, userId, scopes, secret, secretHash, prefixLength: 12, createdAt: now, expiresAt }),
    name: request.name,
    environment: 'test',
    restricted,
    previousSecret: null,
  };
  apiKeys.put(key);
  await announceApiKeyCreated(sandbox, key);
  return { key, secret };
}

/**
 * The organization's API keys, newest first, expired and revoked ones included, one page at a time.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function listApiKeys(sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<ApiKey> {
  return pageInOrg(sandbox.store.apiKeys, orgId, newestFirst, request);
}

/**
 * One key of the organization.
 * @throws ApiError `not_found` for an unknown id or a key of another organization
 */
export const getApiKey = (sandbox: Sandbox, orgId: string, keyId: string): ApiKey => findInOrg(sandbox.store.apiKeys, orgId, keyId, 'API key');

/** A key that may still change: neither revoked nor expired. */
function changeableApiKey(sandbox: Sandbox, orgId: string, keyId: string): ApiKey {
  const key = getApiKey(sandbox, orgId, keyId);
  const status = apiKeyStatus(key, sandbox.clock.now());
  if (status !== 'active') {
    throw new ApiError('conflict', `API key ${key.id} is ${status} and can no longer change.`);
  }
  return key;
}

/**
 * Renames a key; nothing else about a key can change.
 * @throws ApiError `not_found`; `conflict` when the key is revoked or expired
 */
export function renameApiKey(sandbox: Sandbox, orgId: string, keyId: string, name: string): ApiKey {
  const key = changeableApiKey(sandbox, orgId, keyId);
  return sandbox.store.apiKeys.update(key.id, { name });
}

/**
 * Ends a live key at once, its secret and a rotated-out secret still in its grace period, whoever
 * asked; the caller announces it. Use {@link revokeApiKey} for the operation itself.
 */
export function endApiKey(sandbox: Sandbox, key: ApiKey): ApiKey {
  return sandbox.store.apiKeys.update(key.id, { revokedAt: sandbox.clock.now(), previousSecret: null });
}

/**
 * Revokes a key of the caller's organization and announces it (`api_key.revoked`, revoked by the
 * user the caller acts for): its secret, and a rotated-out secret still in its grace period, stop
 * working at once.
 * @throws ApiError `not_found`; `conflict` when the key is already revoked or expired; `forbidden`
 *   when the caller acts for no user (see {@link actingUserId})
 */
export async function revokeApiKey(sandbox: Sandbox, principal: Principal, keyId: string): Promise<ApiKey> {
  const key = changeableApiKey(sandbox, principal.org.id, keyId);
  const revokedBy = actingUserId(sandbox, principal);
  const revoked = endApiKey(sandbox, key);
  await announceApiKeyRevoked(sandbox, revoked, revokedBy);
  return revoked;
}

/**
 * Gives a key a new secret. The current secret keeps working for `gracePeriodSeconds` (0: not at
 * all); a secret rotated out earlier stops at once, so at most two secrets are ever valid.
 *
 * @throws ApiError `not_found`; `conflict` when the key is revoked or expired; `invalid_request`
 *   for a grace period outside 0–604800 seconds
 */
export async function rotateApiKey(
  sandbox: Sandbox,
  orgId: string,
  keyId: string,
  gracePeriodSeconds: number = defaultGracePeriodSeconds,
): Promise<IssuedApiKey> {
  const restricted = sandbox.store.apiKeys.get(keyId)?.restricted ?? false;
  // Hashed before the checks: no await lies between the last check and the write.
  const secret = newSecret(restricted);
  const secretHash = await hashSecret(secret);
  const key = changeableApiKey(sandbox, orgId, keyId);
  if (!Number.isInteger(gracePeriodSeconds) || gracePeriodSeconds < 0 || gracePeriodSeconds > maxGracePeriodSeconds) {
    throw new ApiError('invalid_request', `grace_period_seconds must be a whole number from 0 to ${maxGracePeriodSeconds}.`, {
      field: 'grace_period_seconds',
    });
  }
  const now = sandbox.clock.now();
  const hint = secretHint(secret, 12);

  const rotated = sandbox.store.apiKeys.update(key.id, {
    previousSecret: gracePeriodSeconds === 0 ? null : { secretHash: key.secretHash, lastFour: key.lastFour, expiresAt: now + gracePeriodSeconds * 1000 },
    secretHash,
    prefix: hint.prefix,
    lastFour: hint.last_four,
  });
  return { key: rotated, secret };
}
