/**
 * What each organization role allows. A role caps the credentials that act for a user (personal
 * access tokens, OAuth tokens issued for them, their password): they can use, and grant to new
 * credentials, only the scopes their user's role allows. API keys and OAuth clients acting as
 * themselves are the organization's service credentials: they have no role, and their scopes are
 * their whole power, so only a user whose role allows a scope may put it on one.
 */
import type { Principal } from './credentials/authenticate';
import { ApiError } from './errors';
import type { Role } from './model';

/** The scopes of organization administration. */
export const orgScopes: readonly string[] = ['read:org', 'manage:org'];

/** Scopes a viewer may hold beyond `read:` ones: their own tokens. */
const viewerExtras: readonly string[] = ['manage:tokens'];

/** Whether a user with `role` may use, or grant, `scope`. */
export function roleAllows(role: Role, scope: string): boolean {
  if (role === 'admin') return true;
  if (orgScopes.includes(scope)) return false;
  if (role === 'member') return true;
  return scope.startsWith('read:') || viewerExtras.includes(scope);
}

function roleRefusal(role: Role, scope: string, what: string): ApiError {
  const reason = orgScopes.includes(scope) ? 'only organization admins may' : 'viewers have read-only access and may not';
  return new ApiError('forbidden', `Your role is ${role}: ${reason} ${what} ${scope}.`);
}

/**
 * Enforces the role of the user a credential acts for, on every request: a role change applies
 * on the credential's next request. Service credentials (no user) are not limited by a role.
 * @throws ApiError `forbidden` naming the role and the scope it does not allow
 */
export function checkRole(principal: Principal, scope: string): void {
  if (principal.role !== null && !roleAllows(principal.role, scope)) throw roleRefusal(principal.role, scope, 'use');
}

/**
 * Enforces that the caller may give each of `scopes` to a new credential: a user only what
 * their role allows (a member cannot mint an admin key), a service credential only what it holds
 * (checked by the caller's subset rule).
 * @throws ApiError `forbidden` naming the first scope the caller's role does not allow
 */
export function checkGrantable(principal: Principal, scopes: readonly string[]): void {
  if (principal.role === null) return;
  const role = principal.role;
  const refused = scopes.find((scope) => !roleAllows(role, scope));
  if (refused !== undefined) throw roleRefusal(role, refused, 'grant');
}
