/**
 * Organization administration: members, cutting a member off (every credential at once, with or
 * without removing them), and the organization's rules for personal access tokens. Admins only.
 */
import type { Principal } from './credentials/authenticate';
import { isActive } from './credentials/status';
import { ApiError, quote } from './errors';
import type { ApiKey, OrgSettings, PersonalAccessToken, User } from './model';
import { type Page, type PageRequest, paginate } from './paginate';
import type { Sandbox } from './sandbox';
import type { Store } from './store';

/** The longest token lifetime an organization may allow (the spec's bound on the setting). */
export const maxOrgLifetimeDays = 730;

/** The settings an admin may change; absent fields stay as they are. */
export type OrgSettingsChange = Partial<
  Pick<OrgSettings, 'members_can_create_tokens' | 'max_token_lifetime_days' | 'allow_non_expiring_tokens'>
>;

/** What a cut-off revoked, all at the same instant. Records are returned so callers can report them. */
export interface CredentialCutOff {
  userId: string;
  /** `true` when the user also left the organization. */
  memberRemoved: boolean;
  /** The admin who did it. */
  revokedBy: string;
  revokedAt: number;
  personalAccessTokens: PersonalAccessToken[];
  apiKeys: ApiKey[];
  /** OAuth authorizations (refresh-token families, or single access tokens outside one) revoked. */
  oauthGrants: number;
}

/**
 * The calling admin. Organization controls need the admin role on top of the scope, so a member
 * is refused with `forbidden`, distinct from `insufficient_scope`.
 * @throws ApiError `forbidden` when the credential acts for a member or for no user
 */
export function checkAdmin(principal: Principal): User {
  if (!principal.user) {
    throw new ApiError('forbidden', 'Only organization admins can do this, and this credential acts for a client, not a user.');
  }
  if (principal.user.role !== 'admin') {
    throw new ApiError('forbidden', `Only organization admins can do this; your role is ${principal.user.role}.`);
  }
  return principal.user;
}

/** Members are listed in order of joining: earlier `createdAt` first, ties broken by id. */
const inOrderOfJoining = (user: User): string => `${String(user.createdAt).padStart(16, '0')}|${user.id}`;

const isMemberOf = (orgId: string) => (user: User) => user.orgId === orgId && user.removedAt === null;

/**
 * The current members of the caller's organization, in order of joining. Removed users are gone.
 * @throws ApiError `forbidden` (see {@link checkAdmin}); `invalid_request` for a bad cursor
 */
export function listOrgMembers(sandbox: Sandbox, principal: Principal, page: PageRequest = {}): Page<User> {
  const admin = checkAdmin(principal);
  return paginate(sandbox.store.users.filter(isMemberOf(admin.orgId)), inOrderOfJoining, page);
}

function findMember(sandbox: Sandbox, admin: User, userId: string): User {
  const user = sandbox.store.users.get(userId);
  // Users of other organizations are reported like unknown ids, so ids cannot be probed.
  if (!user || !isMemberOf(admin.orgId)(user)) throw new ApiError('not_found', `Your organization has no member ${quote(userId)}.`);
  return user;
}

/**
 * Revokes, at `now`, every live credential that lets `user` act: their personal access tokens,
 * the API keys they created, and the OAuth access and refresh tokens issued with their user id.
 * Credentials already expired or revoked are left as they are and not counted.
 */
function cutOff(store: Store, user: User, now: number): Omit<CredentialCutOff, 'memberRemoved' | 'revokedBy'> {
  const theirs = (record: { userId: string; orgId: string }): boolean => record.userId === user.id && record.orgId === user.orgId;
  const personalAccessTokens = store.pats.filter((token) => theirs(token) && isActive(token, now));
  const apiKeys = store.apiKeys.filter((key) => theirs(key) && isActive(key, now));
  const accessTokens = store.accessTokens.filter((token) => theirs(token) && isActive(token, now));
  const refreshTokens = store.refreshTokens.filter(
    (token) => theirs(token) && token.revokedAt === null && token.usedAt === null && token.expiresAt > now,
  );
  // A grant is a refresh-token family, or a lone access token issued outside one.
  const grants = new Set<string>([
    ...accessTokens.map((token) => token.familyId ?? `token:${token.id}`),
    ...refreshTokens.map((token) => token.familyId),
  ]);
  for (const record of [...personalAccessTokens, ...apiKeys, ...accessTokens, ...refreshTokens]) record.revokedAt = now;
  return { userId: user.id, revokedAt: now, personalAccessTokens, apiKeys, oauthGrants: grants.size };
}

/**
 * Removes a member from the caller's organization and, in the same instant, revokes every
 * credential of theirs. A removed user no longer authenticates with anything.
 *
 * An admin cannot remove themselves, so an organization always keeps an admin.
 *
 * @throws ApiError `forbidden` (see {@link checkAdmin}), `not_found` (not a current member of the
 *   caller's organization), `conflict` (removing yourself)
 */
export function removeOrgMember(sandbox: Sandbox, principal: Principal, userId: string): CredentialCutOff {
  const admin = checkAdmin(principal);
  const user = findMember(sandbox, admin, userId);
  if (user.id === admin.id) throw new ApiError('conflict', 'You cannot remove yourself; ask another admin.');
  const now = sandbox.clock.now();
  const summary = cutOff(sandbox.store, user, now);
  user.removedAt = now;
  return { ...summary, memberRemoved: true, revokedBy: admin.id };
}

/**
 * Revokes every credential of a member, who stays in the organization and can sign in again to
 * create fresh ones. Allowed on yourself: the credential making the call is revoked too.
 *
 * @throws ApiError `forbidden` (see {@link checkAdmin}), `not_found` (not a current member of the
 *   caller's organization)
 */
export function revokeUserTokens(sandbox: Sandbox, principal: Principal, userId: string): CredentialCutOff {
  const admin = checkAdmin(principal);
  const user = findMember(sandbox, admin, userId);
  return { ...cutOff(sandbox.store, user, sandbox.clock.now()), memberRemoved: false, revokedBy: admin.id };
}

/**
 * The caller's organization's rules for personal access tokens.
 * @throws ApiError `forbidden` (see {@link checkAdmin})
 */
export function getOrgTokenSettings(principal: Principal): OrgSettings {
  checkAdmin(principal);
  return principal.org.settings;
}

/**
 * Changes one or more token settings, recording who changed them and when. The rules govern
 * tokens created from now on; existing tokens keep their lifetime.
 *
 * @throws ApiError `forbidden` (see {@link checkAdmin}), `invalid_request` (no setting named, or
 *   a value out of range)
 */
export function updateOrgTokenSettings(sandbox: Sandbox, principal: Principal, change: OrgSettingsChange): OrgSettings {
  const admin = checkAdmin(principal);
  const { members_can_create_tokens, max_token_lifetime_days, allow_non_expiring_tokens } = change;
  if (members_can_create_tokens === undefined && max_token_lifetime_days === undefined && allow_non_expiring_tokens === undefined) {
    throw new ApiError('invalid_request', 'Name at least one setting to change.');
  }
  const inRange = (days: number): boolean => Number.isInteger(days) && days >= 1 && days <= maxOrgLifetimeDays;
  if (max_token_lifetime_days !== undefined && !inRange(max_token_lifetime_days)) {
    throw new ApiError('invalid_request', `max_token_lifetime_days must be a whole number of days from 1 to ${maxOrgLifetimeDays}.`, {
      field: 'max_token_lifetime_days',
    });
  }
  const { settings } = principal.org;
  if (members_can_create_tokens !== undefined) settings.members_can_create_tokens = members_can_create_tokens;
  if (max_token_lifetime_days !== undefined) settings.max_token_lifetime_days = max_token_lifetime_days;
  if (allow_non_expiring_tokens !== undefined) settings.allow_non_expiring_tokens = allow_non_expiring_tokens;
  settings.updatedAt = sandbox.clock.now();
  settings.updatedBy = admin.id;
  return settings;
}
