/**
 * The form parameters of the authorization server's endpoints, read the way RFC 6749 §3.1 asks.
 */
import { scopeNameHint } from '../conventions';
import { ApiError, quote, withHint } from '../errors';
import { isKnownScope, offlineAccess, permissionScopes } from '../scopes';

/** Form parameters by name, empty ones already dropped (see {@link presentParams}). */
export type OAuthParams = Readonly<Record<string, string | undefined>>;

// A `%` not followed by two hex digits: URLSearchParams would keep it as text instead of refusing.
const brokenEscape = /%(?![0-9A-Fa-f]{2})/;

/**
 * Refuses a form body whose percent-encoding is broken.
 * @throws ApiError `invalid_request`
 * @see https://url.spec.whatwg.org/#application/x-www-form-urlencoded
 */
export function checkFormEncoding(raw: string): void {
  if (brokenEscape.test(raw)) {
    throw new ApiError('invalid_request', 'The body is not valid application/x-www-form-urlencoded: a % must be followed by two hex digits.');
  }
}

/**
 * The parameters that carry a value.
 * @see RFC 6749 §3.1 (parameters sent without a value are treated as omitted)
 */
export function presentParams(form: Readonly<Record<string, string | undefined>>): OAuthParams {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) if (value !== undefined && value !== '') present[name] = value;
  return present;
}

const printable = /^[\u0020-\u007E]+$/;

/**
 * A required parameter whose value must be printable ASCII of bounded length, as the spec's
 * `token` and `refresh_token` fields are.
 * @throws ApiError `invalid_request` when it is missing or malformed
 */
export function requiredParam(params: OAuthParams, name: string, maxLength = 512): string {
  const value = params[name];
  if (value === undefined) throw new ApiError('invalid_request', `The ${name} parameter is required.`, { field: name });
  if (value.length > maxLength || !printable.test(value)) {
    throw new ApiError('invalid_request', `The ${name} parameter must be at most ${maxLength} printable ASCII characters.`, { field: name });
  }
  return value;
}

const scopeSyntax = /^[a-z_:-]+( [a-z_:-]+)*$/;

/**
 * Splits a `scope` parameter into known scope names, without repeats.
 * @throws ApiError `invalid_scope` when it is malformed or names a scope the server does not know
 * @see RFC 6749 §3.3
 */
export function parseScope(value: string): string[] {
  if (value.length > 512 || !scopeSyntax.test(value)) {
    throw new ApiError('invalid_scope', 'The scope parameter must be scope names separated by single spaces.', { field: 'scope' });
  }
  const scopes = [...new Set(value.split(' '))];
  const unknown = scopes.find((scope) => !isKnownScope(scope));
  if (unknown !== undefined) {
    throw new ApiError('invalid_scope', withHint(`${quote(unknown)} is not a scope this server knows.`, scopeNameHint(unknown)), { field: 'scope' });
  }
  return scopes;
}

/** Every scope a client could ask for: the permission scopes and `offline_access`. */
export const requestableScopes: readonly string[] = [...permissionScopes, offlineAccess];

/** The `token_type_hint` values this server knows (RFC 7009 §2.1, RFC 7662 §2.1). */
export const tokenTypeHints = ['access_token', 'refresh_token'] as const;

/** Whether a `token_type_hint` is one of {@link tokenTypeHints}. */
export const isKnownHint = (hint: string): boolean => (tokenTypeHints as readonly string[]).includes(hint);
