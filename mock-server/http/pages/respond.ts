/**
 * Sending pages: the headers every page carries, and the middleware that turns a refusal on a
 * browser endpoint into a page instead of a JSON body.
 */
import type { Context, MiddlewareHandler } from 'hono';

import { isApiError } from '../../core/errors';
import type { AppEnv } from '../env';
import { contentSecurityPolicy } from './layout';

/** Statuses the spec declares for pages. */
export type PageStatus = 200 | 400 | 429 | 500;

/**
 * A page response: HTML, never cached (a page may hold a sign-in form or a code), with the page
 * Content-Security-Policy. `formTargets` are origins the page's form may end up at (a redirect);
 * `null` when one cannot be named in a policy.
 */
export async function htmlResponse(
  c: Context<AppEnv>,
  status: PageStatus,
  html: string,
  formTargets: readonly string[] | null = [],
): Promise<Response> {
  return c.html(html, status, {
    'Cache-Control': 'no-store',
    'Content-Security-Policy': await contentSecurityPolicy(formTargets),
  });
}

/** A redirect sent to the browser (RFC 6749 §4.1.2): never cached, since it may carry a code. */
export function redirectResponse(c: Context<AppEnv>, location: string): Response {
  return c.body(null, 302, { Location: location, 'Cache-Control': 'no-store' });
}

/**
 * Renders any refusal of a browser endpoint as a page: the operation wrapper's (rate limit,
 * malformed body) and the handler's (an untrusted client, an invalid code) alike. The status is
 * 429 for a rate limit, 500 for a fault, and 400 for every other refusal, as the spec declares.
 */
export function pageOnError(render: (status: 400 | 429 | 500, message: string) => string): MiddlewareHandler<AppEnv> {
  return async function pageOnError(c, next) {
    await next();
    const { error } = c;
    if (!error) return;
    const apiError = isApiError(error) ? error : undefined;
    const status = apiError?.code === 'rate_limited' ? 429 : apiError ? 400 : 500;
    const message = apiError?.message ?? 'Something went wrong on our side.';
    const retryAfter = apiError?.details.retry_after;
    c.res = await htmlResponse(c, status, render(status, message));
    // Headers the JSON error set that do not apply to a page.
    for (const name of ['Pragma', 'WWW-Authenticate', 'Allow']) c.header(name, undefined);
    c.header('Retry-After', status === 429 && retryAfter !== undefined ? String(retryAfter) : undefined);
  };
}
