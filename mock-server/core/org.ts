/**
 * Organization administration: members, cutting a member off (every credential at once, with or
 * without removing them), and the organization's rules for personal access tokens. Admins only.
 */
import { actingUserId, type Principal } from './credentials/authenticate';
import { maxLifetimeDays } from './credentials/personal-access-tokens';
import { isActive } from './credentials/status';
import { ApiError, quote } from './errors';
import type { ApiKey, OrgSettings, PersonalAccessToken, User } from './model';
import { type Page, type PageRequest, paginate } from './paginate';
import type { Sandbox } from './sandbox';
import { checkRole } from './roles';
import type { Store } from './store';

/** The longest token lifetime an organization may allow: the longest any token may have. */
export const maxOrgLifetimeDays = maxLifetimeDays;

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
 * The user accountable for an organization-administration call. The operation's scope
 * (`read:org` or `manage:org`) is the explicit grant: a user's credential also needs the admin
 * role, checked here as on every request, while a service credential (an API key or a client
 * acting as itself) holds that scope only because an admin gave it.
 * @throws ApiError `forbidden` when the credential acts for a user who is not an admin
 */
export function checkAdministrator(sandbox: Sandbox, principal: Principal, scope: 'read:org' | 'manage:org'): string {
  checkRole(principal, scope);
  return actingUserId(sandbox, principal);
}

/** Members are listed in order of joining: earlier `createdAt` first, ties broken by id. */
const inOrderOfJoining = (user: User): string => `${String(user.createdAt).padStart(16, '0')}|${user.id}`;

/** Whether a user is a current member of `orgId`: of that organization and not removed. */
export const isMemberOf = (orgId: string) => (user: User) => user.orgId === orgId && user.removedAt === null;

/**
 * The current members of the caller's organization, in order of joining. Removed users are gone.
 * @throws ApiError `forbidden` (see {@link checkAdministrator}); `invalid_request` for a bad cursor
 */
export function listOrgMembers(sandbox: Sandbox, principal: Principal, page: PageRequest = {}): Page<User> {
  checkAdministrator(sandbox, principal, 'read:org');
  return paginate(sandbox.store.users.filter(isMemberOf(principal.org.id)), inOrderOfJoining, page);
}

/** @throws ApiError `not_found` for an unknown id or a user of another organization */
export function findMember(sandbox: Sandbox, orgId: string, userId: string): User {
  const user = sandbox.store.users.get(userId);
  // Users of other organizations are reported like unknown ids, so ids cannot be probed.
  if (!user || !isMemberOf(orgId)(user)) throw new ApiError('not_found', `Your organization has no member ${quote(userId)}.`);
  return user;
}

/** The organization keeps at least one admin: a change that would leave none is refused. */
export function checkKeepsAnAdmin(sandbox: Sandbox, user: User, change: string): void {
  if (user.role !== 'admin') return;
  const admins = sandbox.store.users.count((other) => isMemberOf(user.orgId)(other) && other.role === 'admin');
  if (admins <= 1) throw new ApiError('conflict', `${user.id} is the organization's only admin; make another member admin before you ${change}.`);
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
 * An admin cannot remove themselves, and nobody can remove the organization's only admin.
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member
 *   of the caller's organization), `conflict` (removing yourself or the only admin)
 */
export function removeOrgMember(sandbox: Sandbox, principal: Principal, userId: string): CredentialCutOff {
  const actor = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  if (user.id === principal.user?.id) throw new ApiError('conflict', 'You cannot remove yourself; ask another admin.');
  checkKeepsAnAdmin(sandbox, user, 'removing them');
  const now = sandbox.clock.now();
  const summary = cutOff(sandbox.store, user, now);
  user.removedAt = now;
  return { ...summary, memberRemoved: true, revokedBy: actor };
}

/**
 * Revokes every credential of a member, who stays in the organization and can sign in again to
 * create fresh ones. Allowed on yourself: the credential making the call is revoked too.
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member of the
 *   caller's organization)
 */
export function revokeUserTokens(sandbox: Sandbox, principal: Principal, userId: string): CredentialCutOff {
  const actor = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  return { ...cutOff(sandbox.store, user, sandbox.clock.now()), memberRemoved: false, revokedBy: actor };
}

/**
 * The caller's organization's rules for personal access tokens.
 * @throws ApiError `forbidden` (see {@link checkAdministrator})
 */
export function getOrgTokenSettings(sandbox: Sandbox, principal: Principal): OrgSettings {
  checkAdministrator(sandbox, principal, 'read:org');
  return principal.org.settings;
}

/**
 * Changes one or more token settings, recording who changed them and when. The rules govern
 * tokens created from now on; existing tokens keep their lifetime.
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `invalid_request` (no setting named, or
 *   a value out of range)
 */
export function updateOrgTokenSettings(sandbox: Sandbox, principal: Principal, change: OrgSettingsChange): OrgSettings {
  const actor = checkAdministrator(sandbox, principal, 'manage:org');
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
  settings.updatedBy = actor;
  return settings;
}
