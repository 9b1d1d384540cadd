/**
 * The one error family of the sandbox core. The core throws an `ApiError`; it never builds a
 * response. The HTTP layer maps `code` to a status, a body shape (RFC 6749 on `/oauth2/*`,
 * `{error, message, request_id}` on `/v1`) and headers.
 */

/** Codes of the management API error body (`Error.error` in the spec). */
export const managementErrorCodes = [
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'live_mode_unavailable',
  'rate_limited',
] as const;

/** Codes of RFC 6749 §5.2, RFC 7009 §2.2.1 and RFC 8628 §3.5 (`OAuthError.error` in the spec). */
export const oauthErrorCodes = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'unsupported_token_type',
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
] as const;

export type ManagementErrorCode = (typeof managementErrorCodes)[number] | 'internal_error';
export type OAuthErrorCode = (typeof oauthErrorCodes)[number];
export type ErrorCode = ManagementErrorCode | OAuthErrorCode;

/** Extra, non-secret facts about a refusal, sent as `details` (or in headers). */
export interface ErrorDetails {
  /** The scope the operation needed (`insufficient_scope`). */
  required_scope?: string;
  /** The request field that was wrong, as a dotted path. */
  field?: string;
  /** Seconds until the caller may retry (`rate_limited`, `slow_down`). */
  retry_after?: number;
  /** Why a bearer credential was refused (`invalid_token`): shown in `WWW-Authenticate`. */
  reason?: 'missing' | 'unknown' | 'expired' | 'revoked' | 'malformed';
  /** Methods the path allows (`method_not_allowed`). */
  allowed_methods?: string[];
  /** The longest token lifetime the organization allows (a refused lifetime). */
  max_lifetime_days?: number;
  /** The sandbox cap a creation would exceed (`conflict`). */
  limit?: number;
}

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/**
 * The one refusal for every sandbox cap (tokens per user, keys, clients, webhooks, clusters per
 * organization): 409 `conflict` with the cap in `details.limit`; `message` says how to make room.
 */
export const capReached = (limit: number, message: string): ApiError => new ApiError('conflict', message, { limit });

/** A refusal's message with the DataStack way appended, when there is one (see `conventions.ts`). */
export const withHint = (message: string, hint: string | undefined): string => (hint === undefined ? message : `${message} ${hint}`);

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A caller-supplied value made safe to quote in a message: no control characters, bounded. */
export function quote(value: string, max = 64): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
