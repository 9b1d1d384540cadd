import { allApisCovers, type Scope, scopeDescriptions } from '../generated/catalogue';
import { scopeNameHint } from './conventions';
import { ApiError, quote, withHint } from './errors';

/** An OAuth request flag (RFC 6749 refresh tokens), not a permission: it opens no operation. */
export const offlineAccess = 'offline_access';

/** Every permission scope the spec defines, `offline_access` excluded. */
export const permissionScopes: readonly string[] = Object.keys(scopeDescriptions).filter((scope) => scope !== offlineAccess);

export const isKnownScope = (scope: string): scope is Scope => Object.hasOwn(scopeDescriptions, scope);

/**
 * The broad OAuth scope: it includes the scopes the spec lists in `x-datastack-all-apis-covers`
 * (the resource APIs and `read:profile`), never credential management or organization
 * administration. Only OAuth access tokens may carry it.
 */
export const allApis = 'all-apis';

/** Whether `held` covers `required`: holding it, holding `manage:x` for `read:x`, or holding `all-apis` for a scope it includes. */
export function scopeCovers(held: string, required: string): boolean {
  if (held === required) return true;
  if (held === allApis) return (allApisCovers as readonly string[]).includes(required);
  return required.startsWith('read:') && held === `manage:${required.slice('read:'.length)}`;
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
      throw new ApiError('invalid_request', withHint(`x-datastack-scope names an unknown scope: ${quote(declared)}.`, scopeNameHint(declared)), {
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
 * Checks the scopes asked for a personal access token or an API key: each a known permission
 * scope, and none of them `all-apis`, which only OAuth access tokens may carry.
 * @throws ApiError `invalid_request` naming `field` and the first unknown scope, or `all-apis`
 *   with the fine-grained scopes to ask for instead
 */
export function checkPatOrKeyScopes(scopes: readonly string[], field: string): void {
  const unknown = scopes.find((scope) => !permissionScopes.includes(scope));
  if (unknown !== undefined) {
    throw new ApiError('invalid_request', withHint(`${field} names an unknown scope: ${quote(unknown)}.`, scopeNameHint(unknown)), { field });
  }
  if (scopes.includes(allApis)) {
    throw new ApiError(
      'invalid_request',
      `${field} names all-apis, which only OAuth access tokens may carry; list the fine-grained scopes this credential needs instead, such as read:clusters or manage:jobs.`,
      { field },
    );
  }
}
