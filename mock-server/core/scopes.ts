import { type Scope, scopeDescriptions } from '../generated/catalogue';
import { ApiError, quote } from './errors';

/** An OAuth request flag (RFC 6749 refresh tokens), not a permission: it opens no operation. */
export const offlineAccess = 'offline_access';

/** Every permission scope the spec defines, `offline_access` excluded. */
export const permissionScopes: readonly string[] = Object.keys(scopeDescriptions).filter((scope) => scope !== offlineAccess);

export const isKnownScope = (scope: string): scope is Scope => Object.hasOwn(scopeDescriptions, scope);

/** Whether `held` covers `required`: holding it, or holding `manage:x` for `read:x`. */
export function scopeCovers(held: string, required: string): boolean {
  return held === required || (required.startsWith('read:') && held === `manage:${required.slice('read:'.length)}`);
}

export const holdsScope = (scopes: readonly string[], required: string): boolean =>
  scopes.some((held) => scopeCovers(held, required));

function insufficient(required: string, message = `This operation requires the ${required} scope.`): ApiError {
  return new ApiError('insufficient_scope', message, { required_scope: required });
}

/**
 * Enforces the one scope an operation needs, honouring the `x-datastack-scope` header.
 *
 * A declared scope is checked first: when the credential does not hold it, the refusal names the
 * declared scope (the one the caller asked to exercise), not the operation's, which the credential
 * may well hold; when it is held but does not cover the operation, the refusal names the
 * operation's scope.
 *
 * @param held the credential's scopes
 * @param required the scope the spec names for the operation; `null` for one every credential may
 *   call, where only a declared scope is checked (it must be known and held)
 * @param declared the `x-datastack-scope` header, when the caller sent one
 * @throws ApiError `invalid_request` for an unknown declared scope; `insufficient_scope`
 *   (details.required_scope: the scope that is missing) when the declared scope is not held or
 *   not enough, or when no held scope covers `required`
 */
export function checkScope(held: readonly string[], required: string | null, declared?: string | null): void {
  if (declared !== undefined && declared !== null) {
    if (!isKnownScope(declared) || declared === offlineAccess) {
      throw new ApiError('invalid_request', `x-datastack-scope names an unknown scope: ${quote(declared)}.`, {
        field: 'x-datastack-scope',
      });
    }
    if (!holdsScope(held, declared)) {
      throw insufficient(declared, `x-datastack-scope declares ${declared}, which this credential does not hold.`);
    }
    if (required !== null && !scopeCovers(declared, required)) {
      throw insufficient(required, `x-datastack-scope declares ${declared}, which does not cover this operation; it requires ${required}.`);
    }
    return;
  }
  if (required !== null && !holdsScope(held, required)) throw insufficient(required);
}

/**
 * Checks that every scope in a request is a known permission scope.
 * @throws ApiError `invalid_request` naming the first unknown scope and `field`
 */
export function checkKnownScopes(scopes: readonly string[], field: string): void {
  const unknown = scopes.find((scope) => !permissionScopes.includes(scope));
  if (unknown !== undefined) throw new ApiError('invalid_request', `${field} names an unknown scope: ${quote(unknown)}.`, { field });
}
