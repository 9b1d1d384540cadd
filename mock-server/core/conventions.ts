/**
 * Readers arrive from products with other conventions. Where DataStack chose differently, the
 * refusal a reader meets for trying the other convention says what DataStack does instead; every
 * such hint is written here, once.
 */
import { scopeDescriptions } from '../generated/catalogue';

const isKnownScope = (scope: string): boolean => Object.hasOwn(scopeDescriptions, scope);

const permissionWords = new Set(['read', 'write', 'delete', 'admin', 'manage']);

/**
 * For a scope DataStack does not know, the DataStack scope the caller probably meant: `write:`,
 * `delete:` and `admin:` elsewhere are `manage:` here, `clusters:read` is `read:clusters`, and a
 * bare `read` or `admin` names no resource.
 */
export function scopeNameHint(scope: string): string | undefined {
  const [first = '', second, ...rest] = scope.split(':');
  if (rest.length > 0) return undefined;
  if (second === undefined) {
    return permissionWords.has(first) ? 'DataStack scopes name an action and a resource, such as read:clusters or manage:clusters.' : undefined;
  }
  if (['write', 'delete', 'admin'].includes(first) && isKnownScope(`manage:${second}`)) {
    return `DataStack has no ${first}: scopes; manage:${second} covers creating, changing and deleting.`;
  }
  if (permissionWords.has(second)) {
    const action = second === 'read' ? 'read' : 'manage';
    if (isKnownScope(`${action}:${first}`)) return `DataStack writes the action first: ${action}:${first}.`;
  }
  return undefined;
}

/** `lifetime_days: -1` means "never expires" elsewhere; here that is `null`. */
export const nonExpiringHint = 'For a token that never expires, send lifetime_days: null (where the organization allows it).';

/** Token requests are form-encoded (RFC 6749 §4), never JSON as some APIs accept. */
export const formTokenRequestHint = 'Send the OAuth parameters as form fields, not JSON (RFC 6749).';

/** Paths other products refresh tokens at, for the 404 a reader gets there. */
const refreshPaths = new Set(['/auth/refresh', '/auth/token', '/oauth/token', '/oauth/refresh', '/token/refresh', '/v1/auth/refresh', '/v1/token/refresh']);

/** What DataStack offers instead of a path another product has, or `undefined`. */
export function pathHint(path: string): string | undefined {
  if (refreshPaths.has(path.replace(/\/+$/, '').toLowerCase())) {
    return 'DataStack issues and refreshes tokens at POST /oauth2/token with grant_type=refresh_token, as form fields.';
  }
  return undefined;
}

/**
 * The DataStack way for a request field a reader filled in another product's convention.
 * @param field the dotted path the refusal names (`lifetime_days`, `scopes[1]`)
 */
export function fieldHint(field: string, value: unknown): string | undefined {
  if (field === 'lifetime_days' && typeof value === 'number' && value < 0) return nonExpiringHint;
  if (/^(scopes\[\d+\]|scope|allowed_scopes\[\d+\])$/.test(field) && typeof value === 'string') return scopeNameHint(value);
  return undefined;
}
