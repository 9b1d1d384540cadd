import type { Context } from 'hono';

import { ApiError, type ErrorCode, isApiError } from '../core/errors';
import type { AppEnv } from './env';
import type { ErrorPage } from './pages/error';
import { htmlResponse } from './pages/respond';

const statusByCode: Record<ErrorCode | 'internal_error', 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500> = {
  invalid_request: 400,
  live_mode_unavailable: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  // RFC 6749 §5.2: invalid_client is 401 (with a Basic challenge); the rest of the OAuth codes are 400.
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  unsupported_token_type: 400,
  authorization_pending: 400,
  slow_down: 400,
  access_denied: 400,
  expired_token: 400,
};

/** Endpoints that answer with RFC 6749 error bodies. */
export const isOAuthPath = (path: string): boolean => path.startsWith('/oauth2/');

/** The codes of the management error body that have no OAuth counterpart, mapped onto RFC 6749 codes. */
function oauthCode(code: ErrorCode | 'internal_error'): string {
  switch (code) {
    case 'rate_limited':
      return 'temporarily_unavailable';
    case 'internal_error':
      return 'server_error';
    case 'invalid_token':
    case 'insufficient_scope':
    case 'forbidden':
    case 'not_found':
    case 'method_not_allowed':
    case 'conflict':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'live_mode_unavailable':
      return 'invalid_request';
    default:
      return code;
  }
}

/** RFC 6749 §5.2 limits `error_description` to printable ASCII without `"` and `\`. */
const oauthDescription = (message: string): string =>
  message.replace(/[“”"]/g, "'").replace(/…/g, '...').replace(/[^\u0020-\u0021\u0023-\u005B\u005D-\u007E]/g, '?').slice(0, 500);

/** A quoted-string of an RFC 6750 challenge parameter. */
const challengeValue = (value: string): string => oauthDescription(value).replace(/'/g, '');

function bearerChallenge(error: ApiError): string {
  if (error.code === 'insufficient_scope') {
    return `Bearer realm="datastack", error="insufficient_scope", scope="${error.details.required_scope ?? ''}"`;
  }
  // RFC 6750 §3.1: a request with no credential gets a bare challenge, without an error code.
  if (error.details.reason === 'missing') return 'Bearer realm="datastack"';
  return `Bearer realm="datastack", error="invalid_token", error_description="${challengeValue(error.message)}"`;
}

/** What a refusal says when the error is not an `ApiError` (a bug): never its own message, which may hold request data. */
const faultMessage = {
  body: 'Something went wrong on our side; nothing was changed. Quote the request id if it happens again.',
  page: 'Something went wrong on our side.',
};

/**
 * The one place where a thrown error becomes a response, in the shape of the route family that
 * failed: a browser page (the consent and device pages, which set `errorPage`), an RFC 6749 body
 * on `/oauth2/*`, or the management error body (`/v1`, the sandbox controls, unknown paths);
 * status from the code, and the headers the standards ask for. Anything that is not an
 * `ApiError` is a bug: it is logged without request data and answered with a 500.
 */
export function onError(error: Error, c: Context<AppEnv>): Response | Promise<Response> {
  const apiError = isApiError(error) ? error : undefined;
  if (!apiError) console.error(`sandbox: unexpected ${error.name} on ${c.req.method} ${c.req.path}: ${error.message}`);
  const page = c.get('errorPage');
  if (page) return pageRefusal(c, page, apiError);
  return isOAuthPath(c.req.path) ? oauthRefusal(c, apiError) : managementRefusal(c, apiError);
}

/**
 * A refusal on a browser page, as the page: 429 for a rate limit (with `Retry-After`), 500 for a
 * fault, and 400 for every other refusal, as the spec declares; none of the API's challenge or
 * `Allow` headers, which mean nothing to a browser showing a page.
 */
function pageRefusal(c: Context<AppEnv>, page: ErrorPage, apiError: ApiError | undefined): Promise<Response> {
  const status = apiError?.code === 'rate_limited' ? 429 : apiError ? 400 : 500;
  const retryAfter = apiError?.details.retry_after;
  if (status === 429 && retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
  return htmlResponse(c, status, page(status, apiError?.message ?? faultMessage.page));
}

/** An RFC 6749 §5.2 error body, never cached; `invalid_client` challenges for Basic. */
function oauthRefusal(c: Context<AppEnv>, apiError: ApiError | undefined): Response {
  const code = apiError?.code ?? 'internal_error';
  setRetryAfter(c, apiError);
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  if (code === 'invalid_client') c.header('WWW-Authenticate', 'Basic realm="datastack-oauth"');
  return c.json({ error: oauthCode(code), error_description: oauthDescription(apiError?.message ?? faultMessage.body) }, statusByCode[code]);
}

/** The management error body `{error, message, request_id, details?}`, with the RFC 6750 challenge and `Allow` where they apply. */
function managementRefusal(c: Context<AppEnv>, apiError: ApiError | undefined): Response {
  const code = apiError?.code ?? 'internal_error';
  const details = apiError?.details ?? {};
  setRetryAfter(c, apiError);
  if (apiError && (code === 'invalid_token' || code === 'insufficient_scope')) {
    const challenge = bearerChallenge(apiError);
    c.header('WWW-Authenticate', c.get('acceptsBasic') && code === 'invalid_token' ? `Basic realm="datastack", ${challenge}` : challenge);
  }
  if (details.allowed_methods) c.header('Allow', details.allowed_methods.join(', '));

  const bodyDetails = {
    ...(details.required_scope === undefined ? {} : { required_scope: details.required_scope }),
    ...(details.field === undefined ? {} : { field: details.field }),
    ...(details.max_lifetime_days === undefined ? {} : { max_lifetime_days: details.max_lifetime_days }),
    ...(details.limit === undefined ? {} : { limit: details.limit }),
  };
  return c.json(
    {
      error: code,
      message: apiError?.message ?? faultMessage.body,
      request_id: c.get('requestId'),
      ...(Object.keys(bodyDetails).length > 0 ? { details: bodyDetails } : {}),
    },
    statusByCode[code],
  );
}

function setRetryAfter(c: Context<AppEnv>, apiError: ApiError | undefined): void {
  const retryAfter = apiError?.details.retry_after;
  if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
}
