/**
 * Personal access tokens: credentials a user creates for their own scripts and tools. A token
 * acts as its user with the user's current role, limited to its scopes; it is shown once and
 * can never be edited or extended, only revoked.
 */
import { ApiError, capReached, quote } from '../errors';
import type { OrgSettings, PersonalAccessToken, User } from '../model';
import { newestFirst, type Page, type PageRequest, paginate } from '../paginate';
import { randomBytes, randomId, toHex } from '../random';
import type { Sandbox } from '../sandbox';
import { checkGrantable } from '../roles';
import { checkPatOrKeyScopes, holdsScope } from '../scopes';
import { hashSecret } from '../secrets';
import { storeCaps } from '../store';
import { announceTokenRevoked } from '../webhooks/credential-events';
import { actingUserId, type Principal } from './authenticate';
import { credentialRecord } from './record';
import { isActive } from './status';

const dayMs = 86_400_000;

/** The lifetime a token gets when the request names none (the spec's default). */
export const defaultLifetimeDays = 90;

/** The longest lifetime `POST /v1/tokens` accepts, whatever the organization allows. */
export const maxLifetimeDays = 365;

/** What a caller asks for when creating a token, as the spec's request body carries it. */
export interface PersonalAccessTokenRequest {
  label: string;
  /** Days until expiry; `null` for a token that never expires; absent for the default. */
  lifetimeDays?: number | null | undefined;
  scopes: readonly string[];
}

/** A token just created: the record and the secret, which is never available again. */
export interface IssuedPersonalAccessToken {
  record: PersonalAccessToken;
  secret: string;
}

/**
 * The user whose tokens a caller may see and manage: the user behind a password, a personal
 * access token, or an OAuth access token issued for that user.
 *
 * An API key is an organization credential for services, not a personal one, so it reaches
 * nobody's tokens; nor does an OAuth client acting as itself.
 *
 * @throws ApiError `forbidden` for an API key or a credential that acts for no user
 */
export function checkTokenOwner(principal: Principal): User {
  if (principal.kind === 'api_key') {
    throw new ApiError(
      'forbidden',
      'Personal access tokens belong to users: use your password, one of your tokens or an OAuth token issued for you, not an API key.',
    );
  }
  if (!principal.user) {
    throw new ApiError('forbidden', 'Personal access tokens belong to users, and this credential acts for a client, not a user.');
  }
  return principal.user;
}

const ownedBy = (user: User) => (token: PersonalAccessToken) => token.userId === user.id && token.orgId === user.orgId;

/**
 * The caller's own tokens, newest first, expired and revoked ones included.
 * @throws ApiError `forbidden` (see {@link checkTokenOwner}); `invalid_request` for a bad cursor
 */
export function listPersonalAccessTokens(sandbox: Sandbox, principal: Principal, page: PageRequest = {}): Page<PersonalAccessToken> {
  const owner = checkTokenOwner(principal);
  return paginate(sandbox.store.pats.filter(ownedBy(owner)), newestFirst, page);
}

/**
 * One of the caller's own tokens. Another user's token is reported exactly like an unknown id.
 * @throws ApiError `forbidden` (see {@link checkTokenOwner}); `not_found`
 */
export function getPersonalAccessToken(sandbox: Sandbox, principal: Principal, tokenId: string): PersonalAccessToken {
  const owner = checkTokenOwner(principal);
  const token = sandbox.store.pats.get(tokenId);
  if (!token || !ownedBy(owner)(token)) throw new ApiError('not_found', `You have no personal access token ${quote(tokenId)}.`);
  return token;
}

/**
 * Enforces an organization's lifetime rules and returns the expiry of a new token.
 *
 * The default lifetime is capped at the organization's maximum, so a request that names no
 * lifetime is never refused for it.
 *
 * @returns epoch ms of expiry, or `null` for a token that never expires
 * @throws ApiError `invalid_request` (details.field: lifetime_days, details.max_lifetime_days)
 *   for a lifetime above the maximum, or `null` where non-expiring tokens are not allowed
 */
export function checkLifetime(settings: OrgSettings, lifetimeDays: number | null | undefined, now: number): number | null {
  const longest = Math.min(settings.max_token_lifetime_days, maxLifetimeDays);
  const refusal = { field: 'lifetime_days', max_lifetime_days: longest };
  if (lifetimeDays === null) {
    if (!settings.allow_non_expiring_tokens) {
      throw new ApiError('invalid_request', 'This organization does not allow tokens without an expiry; set lifetime_days.', refusal);
    }
    return null;
  }
  const days = lifetimeDays ?? Math.min(defaultLifetimeDays, longest);
  if (days > longest) throw new ApiError('invalid_request', `lifetime_days may not exceed ${longest} in this organization.`, refusal);
  return now + days * dayMs;
}

/**
 * Creates a personal access token for the calling user.
 *
 * With a password the caller has the user's full authority; with a token, the new token's scopes
 * must be covered by that token's scopes (`manage:x` covers `read:x`), so a token can never mint
 * a stronger one. The organization decides whether members (not only admins) may create tokens,
 * the longest lifetime and whether a token may never expire. When the user already holds the
 * sandbox's maximum number of tokens, their oldest expired or revoked records make room; only
 * active tokens count against the cap.
 *
 * @throws ApiError `forbidden` (an API key or client credential; creation limited to admins; a
 *   scope the user's role does not allow), `insufficient_scope` (details.required_scope: a
 *   requested scope the authenticating credential lacks), `invalid_request` (an unknown scope, a
 *   refused lifetime), `conflict` (the cap of active tokens reached, see {@link capReached})
 */
export async function issuePersonalAccessToken(
  sandbox: Sandbox,
  principal: Principal,
  request: PersonalAccessTokenRequest,
): Promise<IssuedPersonalAccessToken> {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const owner = checkTokenOwner(principal);
  const { settings } = principal.org;
  if (owner.role !== 'admin' && !settings.members_can_create_tokens) {
    throw new ApiError('forbidden', 'Your organization lets only admins create personal access tokens; an admin can let members create them with members_can_create_tokens in PATCH /v1/org/settings.');
  }
  checkPatOrKeyScopes(request.scopes, 'scopes');
  checkGrantable(principal, request.scopes);
  if (principal.kind !== 'password') {
    const lacking = request.scopes.find((scope) => !holdsScope(principal.scopes, scope));
    if (lacking !== undefined) {
      throw new ApiError(
        'insufficient_scope',
        `The credential you authenticated with does not hold ${lacking}, so the new token cannot have it either.`,
        { required_scope: lacking },
      );
    }
  }
  const expiresAt = checkLifetime(settings, request.lifetimeDays, now);
  const secret = `dsp_${toHex(randomBytes(32))}`;
  const secretHash = await hashSecret(secret);
  // From here on nothing awaits, so no other request can slip in between the cap check and the write.
  const own = store.pats.filter(ownedBy(owner));
  if (own.filter((token) => isActive(token, now)).length >= storeCaps.patsPerUser) {
    throw capReached(
      storeCaps.patsPerUser,
      `You already have ${storeCaps.patsPerUser} active personal access tokens, the most the sandbox keeps; revoke one first.`,
    );
  }
  const record: PersonalAccessToken = {
    ...credentialRecord({
      id: randomId('tok'),
      orgId: owner.orgId,
      userId: owner.id,
      scopes: request.scopes,
      secret,
      secretHash,
      prefixLength: 8,
      createdAt: now,
      expiresAt,
    }),
    label: request.label,
  };
  // Writes start here, after every check: drop the oldest inactive records beyond the cap.
  const inactive = own.filter((token) => !isActive(token, now)).sort((a, b) => a.createdAt - b.createdAt);
  for (const token of inactive.slice(0, Math.max(0, own.length + 1 - storeCaps.patsPerUser))) store.pats.delete(token.id);
  store.pats.put(record);
  return { record, secret };
}

/**
 * Revokes one of the caller's own tokens and announces it (`token.revoked`, reason `revoked`); it
 * stops working at once. The record stays, with `revokedAt` set. A token may revoke itself (how a
 * CLI signs out).
 * @throws ApiError `forbidden` (see {@link checkTokenOwner}), `not_found`, `conflict` when it is
 *   already revoked
 */
export async function revokePersonalAccessToken(sandbox: Sandbox, principal: Principal, tokenId: string): Promise<PersonalAccessToken> {
  const token = getPersonalAccessToken(sandbox, principal, tokenId);
  const revokedBy = actingUserId(sandbox, principal);
  const revoked = revokeToken(sandbox, token);
  await announceTokenRevoked(sandbox, revoked, revokedBy, 'revoked');
  return revoked;
}

/**
 * Revokes `token` now, whoever asked (its owner, or an admin), and returns it revoked.
 * @throws ApiError `conflict` when it is already revoked
 */
export function revokeToken(sandbox: Sandbox, token: PersonalAccessToken): PersonalAccessToken {
  if (token.revokedAt !== null) throw new ApiError('conflict', `Personal access token ${token.id} is already revoked.`);
  return sandbox.store.pats.update(token.id, { revokedAt: sandbox.clock.now() });
}
