/**
 * The user directory (`read:users` lists and gets users, `manage:users` changes a display name):
 * the organization's people as a resource. Roles and membership are organization administration
 * (`core/org`, `read:org` / `manage:org`), not part of this.
 */
import type { User } from './model';
import { findMember, isMemberOf } from './org';
import { type Page, type PageRequest, byName, paginate } from './paginate';
import type { Sandbox } from './sandbox';

/** The organization's current users, by name, one page at a time; removed members are gone. */
export function listUsers(sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<User> {
  return paginate(sandbox.store.users.filter(isMemberOf(orgId)), byName, request);
}

/** @throws ApiError `not_found` for an unknown, removed or other organization's user */
export const getUser = (sandbox: Sandbox, orgId: string, userId: string): User => findMember(sandbox, orgId, userId);

/**
 * Changes a user's display name (validated by the spec: 1–100 printable characters).
 * @throws ApiError `not_found`
 */
export function renameUser(sandbox: Sandbox, orgId: string, userId: string, name: string): User {
  return sandbox.store.users.put({ ...findMember(sandbox, orgId, userId), name });
}
