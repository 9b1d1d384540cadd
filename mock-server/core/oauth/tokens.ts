/**
 * Issuing, retiring and sweeping OAuth access and refresh tokens. Every grant issues through
 * {@link issueTokenSet} or the same commit step, so lifetimes, hashing and caps agree.
 */
import { credentialRecord } from '../credentials/record';
import { ApiError } from '../errors';
import type { AccessToken, OAuthClient, RefreshToken, User } from '../model';
import { randomId, randomToken } from '../random';
import type { Sandbox } from '../sandbox';
import { offlineAccess } from '../scopes';
import { hashSecret } from '../secrets';
import { storeCaps, type Store } from '../store';

/** Access tokens last one hour (the spec's `expires_in`). */
export const accessTokenLifetimeSeconds = 3600;
/** Each refresh token lasts 30 days from its issue; every rotation starts a new 30 days. */
export const refreshTokenLifetimeSeconds = 30 * 86_400;
/**
 * Used refresh tokens kept per family for reuse detection. Older ones are forgotten, so a family
 * refreshed every hour for a month stays small; presenting a forgotten one is just `invalid_grant`.
 */
export const usedRefreshTokensKeptPerFamily = 10;

export type StoredRefreshToken = RefreshToken & { id: string };

/** Tokens just issued: the secrets are shown once, in the token response, and never stored. */
export interface IssuedTokenSet {
  accessToken: string;
  /** The stored access token's id, so the grant that issued it can revoke it later. */
  accessTokenId: string;
  /** The refresh-token family opened or continued, if any. */
  familyId: string | null;
  /** Present when the grant includes a refresh token. */
  refreshToken?: string;
  expiresIn: number;
  /** The scope granted (the response's `scope`): the access token's scopes, plus `offline_access` with a refresh token. */
  scopes: readonly string[];
}

/**
 * A new secret and its hash. Grants mint before their checks, so that checks and writes then run
 * without an `await` between them and two requests cannot both pass a check before either writes.
 */
export interface MintedSecret {
  secret: string;
  hash: string;
}

/** Who and what a commit issues for. */
export interface TokenGrant {
  client: OAuthClient;
  orgId: string;
  userId: string;
  actsAs: AccessToken['actsAs'];
  /** The access token's secret and scopes. */
  access: { minted: MintedSecret; scopes: readonly string[] };
  /** The refresh token to issue alongside, if any. */
  refresh: { minted: MintedSecret; familyId: string; scopes: readonly string[] } | null;
  /** The refresh token this issuance rotates out (marked used). */
  replaces?: StoredRefreshToken;
}

/**
 * The scope a token response or introspection states: the permission scopes, plus
 * `offline_access` when the token belongs to a refresh-token family. Records keep only permission
 * scopes, since `offline_access` opens no operation.
 */
export const grantedScopes = (scopes: readonly string[], offline: boolean): string[] => [...scopes, ...(offline ? [offlineAccess] : [])];

/** A new access (`dsa_`) or refresh (`dsr_`) token secret with its hash. */
export async function mintSecret(prefix: 'dsa_' | 'dsr_'): Promise<MintedSecret> {
  const secret = `${prefix}${randomToken()}`;
  return { secret, hash: await hashSecret(secret) };
}

/** Whether a refresh token can still be exchanged (not used, revoked or expired). */
export const isLiveRefreshToken = (token: RefreshToken, now: number): boolean =>
  token.usedAt === null && token.revokedAt === null && token.expiresAt > now;

/**
 * The tokens that count against a client's cap: every access token not yet expired (revoked
 * ones too, since they stay stored until then) and every live refresh token.
 */
function heldTokenCount(store: Store, clientId: string, now: number): number {
  return (
    store.accessTokens.count((token) => token.clientId === clientId && (token.expiresAt ?? Infinity) > now) +
    store.refreshTokens.count((token) => token.clientId === clientId && isLiveRefreshToken(token, now))
  );
}

/**
 * Refuses an issuance that would take a client past `storeCaps.activeOAuthTokensPerClient`.
 * @throws ApiError `invalid_request` naming the limit
 */
export function checkTokenCap(sandbox: Sandbox, grant: TokenGrant): void {
  const now = sandbox.clock.now();
  const adding = (grant.refresh ? 2 : 1) - (grant.replaces && isLiveRefreshToken(grant.replaces, now) ? 1 : 0);
  if (heldTokenCount(sandbox.store, grant.client.id, now) + adding > storeCaps.activeOAuthTokensPerClient) {
    throw new ApiError(
      'invalid_request',
      `${grant.client.id} already holds ${storeCaps.activeOAuthTokensPerClient} unexpired tokens, the sandbox's limit per client; ` +
        'revoke refresh tokens you no longer need or wait for access tokens to expire (they last one hour).',
    );
  }
}

/**
 * Forgets OAuth tokens that can never work again: expired access and refresh tokens, and
 * revoked refresh tokens. Issuance calls it (at most once a second), so memory stays bounded.
 */
export function sweepExpiredOAuthTokens(sandbox: Sandbox): void {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  lastSweep.set(store, now);
  for (const token of store.accessTokens) if (token.expiresAt !== null && token.expiresAt <= now) store.accessTokens.delete(token.id);
  for (const token of store.refreshTokens) if (token.expiresAt <= now || token.revokedAt !== null) store.refreshTokens.delete(token.id);
}

const lastSweep = new WeakMap<Store, number>();

/** Sweeps at most once a second: nothing expires faster, and a busy client issues thousands a second. */
function sweepIfDue(sandbox: Sandbox): void {
  if (sandbox.clock.now() - (lastSweep.get(sandbox.store) ?? -Infinity) >= 1000) sweepExpiredOAuthTokens(sandbox);
}

/** Keeps only the newest used refresh tokens of a family. */
function trimFamilyHistory(store: Store, familyId: string): void {
  const used = store.refreshTokens
    .filter((row) => row.familyId === familyId && row.usedAt !== null)
    .sort((a, b) => (b.usedAt ?? 0) - (a.usedAt ?? 0));
  for (const token of used.slice(usedRefreshTokensKeptPerFamily)) store.refreshTokens.delete(token.id);
}

/**
 * Makes room for a client-credentials token by forgetting the client's oldest ones acting as
 * itself, the way large providers cap tokens per client: a service that asks for a new token
 * every call stays within the store's bound instead of being refused.
 */
function evictOldestClientTokens(sandbox: Sandbox, grant: TokenGrant): void {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  let excess = heldTokenCount(store, grant.client.id, now) + 1 - storeCaps.activeOAuthTokensPerClient;
  // Rows iterate in insertion order, so the first ones found are the oldest.
  for (const token of store.accessTokens) {
    if (excess <= 0) return;
    if (token.clientId === grant.client.id && token.actsAs === 'client') {
      store.accessTokens.delete(token.id);
      excess--;
    }
  }
}

/**
 * Checks the cap, then stores the tokens of one grant (and retires the refresh token it rotates
 * out). Synchronous, so no other request runs between its checks and its writes. A client acting
 * as itself never hits the cap: its oldest tokens make way.
 *
 * @throws ApiError `invalid_request` when a user grant would take the client past its token cap
 *   (nothing is written)
 */
export function commitTokens(sandbox: Sandbox, grant: TokenGrant): IssuedTokenSet {
  if (grant.actsAs === 'client' && !grant.refresh) evictOldestClientTokens(sandbox, grant);
  checkTokenCap(sandbox, grant);

  const { store } = sandbox;
  const now = sandbox.clock.now();
  sweepIfDue(sandbox);

  if (grant.replaces) store.refreshTokens.update(grant.replaces.id, { usedAt: now });
  const { access, refresh } = grant;
  const accessTokenId = randomId('oat');
  store.accessTokens.put({
    ...credentialRecord({
      id: accessTokenId,
      orgId: grant.orgId,
      userId: grant.userId,
      scopes: access.scopes,
      secret: access.minted.secret,
      secretHash: access.minted.hash,
      prefixLength: 8,
      createdAt: now,
      expiresAt: now + accessTokenLifetimeSeconds * 1000,
    }),
    clientId: grant.client.id,
    actsAs: grant.actsAs,
    familyId: refresh?.familyId ?? null,
  });
  const issued: IssuedTokenSet = {
    accessToken: access.minted.secret,
    accessTokenId,
    familyId: refresh?.familyId ?? null,
    expiresIn: accessTokenLifetimeSeconds,
    scopes: grantedScopes(access.scopes, refresh !== null),
  };

  if (refresh) {
    store.refreshTokens.put({
      id: randomId('ort'),
      secretHash: refresh.minted.hash,
      familyId: refresh.familyId,
      clientId: grant.client.id,
      orgId: grant.orgId,
      userId: grant.userId,
      scopes: [...refresh.scopes],
      createdAt: now,
      expiresAt: now + refreshTokenLifetimeSeconds * 1000,
      usedAt: null,
      revokedAt: null,
    });
    trimFamilyHistory(store, refresh.familyId);
    issued.refreshToken = refresh.minted.secret;
  }
  return issued;
}

/** Who approved a user's grant (authorization code, device code) and what. */
export interface UserGrant {
  client: OAuthClient;
  user: User;
  /** The permission scopes granted (an `offline_access` among them is ignored: `offline` decides). */
  scopes: readonly string[];
  /** The user granted `offline_access`: a refresh token opens a new family. */
  offline: boolean;
}

/** The secrets a user's grant will issue, minted ahead so the commit needs no `await`. */
export interface MintedUserGrant {
  access: MintedSecret;
  refresh: MintedSecret | null;
}

/** Mints the access (and, when `offline`, refresh) secret of a user's grant. */
export async function mintUserGrant(offline: boolean): Promise<MintedUserGrant> {
  return { access: await mintSecret('dsa_'), refresh: offline ? await mintSecret('dsr_') : null };
}

/**
 * Stores the tokens of a user's grant from secrets minted by {@link mintUserGrant}. Synchronous,
 * so a grant's checks and this commit run as one step.
 *
 * @throws ApiError `invalid_grant` when the user cannot hold tokens of this client (another
 *   organization, or removed); `invalid_scope` when nothing at all was granted; `invalid_request`
 *   when the client's token cap is reached
 * @see RFC 6749 §5.1
 */
export function commitUserGrant(sandbox: Sandbox, grant: UserGrant, minted: MintedUserGrant): IssuedTokenSet {
  const { client, user, offline } = grant;
  const scopes = [...new Set(grant.scopes.filter((scope) => scope !== offlineAccess))];
  if (user.orgId !== client.orgId || user.removedAt !== null || !sandbox.store.orgs.get(user.orgId)) {
    throw new ApiError('invalid_grant', 'The user who approved this grant can no longer use this client.');
  }
  if (scopes.length === 0 && !offline) throw new ApiError('invalid_scope', 'At least one scope must be granted.');
  if (offline && !minted.refresh) throw new Error('an offline grant needs a minted refresh token');
  return commitTokens(sandbox, {
    client,
    orgId: client.orgId,
    userId: user.id,
    actsAs: 'user',
    access: { minted: minted.access, scopes },
    refresh: offline && minted.refresh ? { minted: minted.refresh, familyId: randomId('fam'), scopes } : null,
  });
}

/**
 * Issues the tokens of a user's grant: an access token and, when `offline` (the user granted
 * `offline_access`), a refresh token opening a new family. The caller has already checked that
 * the client may have these scopes and the user approved them.
 *
 * @throws ApiError as {@link commitUserGrant}
 * @see RFC 6749 §5.1
 */
export async function issueTokenSet(sandbox: Sandbox, grant: UserGrant): Promise<IssuedTokenSet> {
  return commitUserGrant(sandbox, grant, await mintUserGrant(grant.offline));
}

/**
 * Revokes every refresh and access token of one authorization (a refresh-token family).
 * @see RFC 6749 §10.4 (refresh token reuse), RFC 7009 §2.1
 */
export function revokeTokenFamily(sandbox: Sandbox, familyId: string): void {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  store.refreshTokens.updateWhere((row) => row.familyId === familyId && row.revokedAt === null, { revokedAt: now });
  store.accessTokens.updateWhere((row) => row.familyId === familyId && row.revokedAt === null, { revokedAt: now });
}
