/** Sending pages: the headers every page and every redirect from a page carries. */
import type { Context } from 'hono';

import type { AppEnv } from '../env';
import type { ErrorPageStatus } from './error';
import { contentSecurityPolicy } from './layout';

/** Statuses the spec declares for pages. */
export type PageStatus = 200 | ErrorPageStatus;

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
