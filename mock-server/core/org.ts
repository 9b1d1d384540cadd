/**
 * Organization administration: members (adding them, their roles), cutting a member off (one
 * token, or every credential at once, with or without removing them), and the organization's
 * rules for personal access tokens. Admins only.
 */
import { endApiKey } from './credentials/api-keys';
import { actingUserId, type Principal } from './credentials/authenticate';
import { maxLifetimeDays, revokeToken } from './credentials/personal-access-tokens';
import { isActive } from './credentials/status';
import { ApiError, capReached, quote } from './errors';
import type { ApiKey, OAuthClient, OrgSettings, PersonalAccessToken, Role, User } from './model';
import { deleteOauthClient } from './oauth-clients';
import { newestFirst, type Page, type PageRequest, paginate } from './paginate';
import { randomId, randomToken } from './random';
import type { Sandbox } from './sandbox';
import { checkRole, roleAllows } from './roles';
import { offlineAccess } from './scopes';
import { hashPassword } from './secrets';
import { type Store, storeCaps } from './store';
import { announceApiKeyRevoked, announceCutOff, announceTokenRevoked } from './webhooks/credential-events';

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

/** Who to add: the spec's request body. */
export interface NewMember {
  email: string;
  name: string;
  role: Role;
}

/** A member just added, with the initial password that is never available again. */
export interface AddedMember {
  user: User;
  initialPassword: string;
}

/**
 * Adds a member to the caller's organization with a random initial password, kept only as its
 * PBKDF2 verifier. The email is the sign-in name, so no two active users may share one.
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `conflict` (details.field: email)
 *   for an email an active user signs in with, `conflict` when the organization is full
 */
export async function addOrgMember(sandbox: Sandbox, principal: Principal, request: NewMember): Promise<AddedMember> {
  checkAdministrator(sandbox, principal, 'manage:org');
  // Derived before the checks: no await lies between the last check and the write.
  const initialPassword = randomToken();
  const passwordVerifier = await hashPassword(initialPassword);
  const { users } = sandbox.store;
  const email = request.email.toLowerCase();
  if (users.values().some((user) => user.email === email && user.removedAt === null)) {
    throw new ApiError('conflict', `A user already signs in with ${quote(email)}.`, { field: 'email' });
  }
  const orgId = principal.org.id;
  if (users.count(isMemberOf(orgId)) >= storeCaps.membersPerOrg) {
    throw capReached(storeCaps.membersPerOrg, `The organization already has ${storeCaps.membersPerOrg} members, the most the sandbox keeps; remove one first.`);
  }
  const user: User = {
    id: randomId('usr'),
    orgId,
    name: request.name,
    email,
    role: request.role,
    passwordVerifier,
    removedAt: null,
    createdAt: sandbox.clock.now(),
  };
  users.put(user);
  return { user, initialPassword };
}

/** A role change and the service credentials it revoked. */
export interface RoleChange {
  user: User;
  previousRole: Role;
  apiKeys: ApiKey[];
  oauthClients: OAuthClient[];
}

/**
 * Gives a member another role. Their own credentials are capped by the role on every request
 * ({@link checkRole}), so they are left alone. The service credentials they created act with no
 * role: every live API key of theirs holding a scope the new role may not grant is revoked, and
 * every confidential client of theirs allowed such a scope (it can act as itself, by client
 * credentials or a client JWT) is deleted with its tokens. Public clients act only for the users
 * who approve them, and stay. Each revoked key is announced (`api_key.revoked`, by the admin).
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member of
 *   the caller's organization), `conflict` (demoting the only admin)
 */
export async function changeMemberRole(sandbox: Sandbox, principal: Principal, userId: string, role: Role): Promise<RoleChange> {
  const changedBy = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  const previousRole = user.role;
  if (role === previousRole) return { user, previousRole, apiKeys: [], oauthClients: [] };
  if (role !== 'admin') checkKeepsAnAdmin(sandbox, user, 'change their role');

  const { store } = sandbox;
  const now = sandbox.clock.now();
  const beyondRole = (scopes: readonly string[]): boolean => scopes.some((scope) => scope !== offlineAccess && !roleAllows(role, scope));
  const apiKeys = store.apiKeys.filter(
    (key) => key.userId === user.id && key.orgId === user.orgId && isActive(key, now) && beyondRole(key.scopes),
  );
  const oauthClients = store.clients.filter(
    (client) => client.createdBy === user.id && client.orgId === user.orgId && client.type === 'confidential' && beyondRole(client.allowedScopes),
  );
  const changed = store.users.update(user.id, { role });
  const revokedKeys = apiKeys.map((key) => endApiKey(sandbox, key));
  for (const client of oauthClients) deleteOauthClient(sandbox, client.orgId, client.id);
  for (const key of revokedKeys) await announceApiKeyRevoked(sandbox, key, changedBy);
  return { user: changed, previousRole, apiKeys: revokedKeys, oauthClients };
}

/**
 * A member's personal access tokens, newest first, expired and revoked ones included: what the
 * member sees of them, so an admin can pick the one to revoke.
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member of
 *   the caller's organization); `invalid_request` for a bad cursor
 */
export function listMemberTokens(sandbox: Sandbox, principal: Principal, userId: string, page: PageRequest = {}): Page<PersonalAccessToken> {
  checkAdministrator(sandbox, principal, 'read:org');
  const user = findMember(sandbox, principal.org.id, userId);
  return paginate(sandbox.store.pats.filter((token) => token.userId === user.id && token.orgId === user.orgId), newestFirst, page);
}

/**
 * Revokes one personal access token of a member and announces it (`token.revoked`, reason
 * `admin_revoked`); their other credentials keep working.
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member,
 *   or not their token), `conflict` when the token is already revoked
 */
export async function revokeMemberToken(sandbox: Sandbox, principal: Principal, userId: string, tokenId: string): Promise<PersonalAccessToken> {
  const revokedBy = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  const token = sandbox.store.pats.get(tokenId);
  // Another member's token is reported like an unknown id, so token ids cannot be probed.
  if (!token || token.userId !== user.id || token.orgId !== user.orgId) {
    throw new ApiError('not_found', `Member ${user.id} has no personal access token ${quote(tokenId)}.`);
  }
  const revoked = revokeToken(sandbox, token);
  await announceTokenRevoked(sandbox, revoked, revokedBy, 'admin_revoked');
  return revoked;
}

/**
 * Revokes, at `now`, every live credential that lets `user` act: their personal access tokens,
 * the API keys they created, and the OAuth access and refresh tokens issued with their user id.
 * Credentials already expired or revoked are left as they are and not counted.
 */
function cutOff(store: Store, user: User, now: number): Omit<CredentialCutOff, 'memberRemoved' | 'revokedBy'> {
  const theirs = (record: { userId: string; orgId: string }): boolean => record.userId === user.id && record.orgId === user.orgId;
  const revoked = { revokedAt: now };
  const personalAccessTokens = store.pats.updateWhere((token) => theirs(token) && isActive(token, now), revoked);
  const apiKeys = store.apiKeys.updateWhere((key) => theirs(key) && isActive(key, now), revoked);
  const accessTokens = store.accessTokens.updateWhere((token) => theirs(token) && isActive(token, now), revoked);
  const refreshTokens = store.refreshTokens.updateWhere(
    (token) => theirs(token) && token.revokedAt === null && token.usedAt === null && token.expiresAt > now,
    revoked,
  );
  // A grant is a refresh-token family, or a lone access token issued outside one.
  const grants = new Set<string>([
    ...accessTokens.map((token) => token.familyId ?? `token:${token.id}`),
    ...refreshTokens.map((token) => token.familyId),
  ]);
  return { userId: user.id, revokedAt: now, personalAccessTokens, apiKeys, oauthGrants: grants.size };
}

/**
 * Removes a member from the caller's organization and, in the same instant, revokes every
 * credential of theirs. A removed user no longer authenticates with anything.
 *
 * An admin cannot remove themselves, and nobody can remove the organization's only admin. Each
 * revoked token and key is announced, then the removal (`member.removed`).
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member
 *   of the caller's organization), `conflict` (removing yourself or the only admin)
 */
export async function removeOrgMember(sandbox: Sandbox, principal: Principal, userId: string): Promise<CredentialCutOff> {
  const actor = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  if (user.id === principal.user?.id) throw new ApiError('conflict', 'You cannot remove yourself; ask another admin.');
  checkKeepsAnAdmin(sandbox, user, 'removing them');
  const now = sandbox.clock.now();
  const summary = cutOff(sandbox.store, user, now);
  sandbox.store.users.update(user.id, { removedAt: now });
  const removal: CredentialCutOff = { ...summary, memberRemoved: true, revokedBy: actor };
  await announceCutOff(sandbox, principal.org.id, removal);
  return removal;
}

/**
 * Revokes every credential of a member, who stays in the organization and can sign in again to
 * create fresh ones. Allowed on yourself: the credential making the call is revoked too. Each
 * revoked token (reason `user_tokens_revoked`) and key is announced.
 *
 * @throws ApiError `forbidden` (see {@link checkAdministrator}), `not_found` (not a current member of the
 *   caller's organization)
 */
export async function revokeUserTokens(sandbox: Sandbox, principal: Principal, userId: string): Promise<CredentialCutOff> {
  const actor = checkAdministrator(sandbox, principal, 'manage:org');
  const user = findMember(sandbox, principal.org.id, userId);
  const revocation: CredentialCutOff = { ...cutOff(sandbox.store, user, sandbox.clock.now()), memberRemoved: false, revokedBy: actor };
  await announceCutOff(sandbox, principal.org.id, revocation);
  return revocation;
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
  const { settings } = sandbox.store.orgs.update(principal.org.id, {
    settings: {
      ...principal.org.settings,
      ...(members_can_create_tokens === undefined ? {} : { members_can_create_tokens }),
      ...(max_token_lifetime_days === undefined ? {} : { max_token_lifetime_days }),
      ...(allow_non_expiring_tokens === undefined ? {} : { allow_non_expiring_tokens }),
      updatedAt: sandbox.clock.now(),
      updatedBy: actor,
    },
  });
  return settings;
}
