/**
 * What the console says under a refused request, and that each explanation links to a section
 * of the authentication guide that exists (a renamed heading anchor fails here, not in a reader's
 * browser).
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { type Explanation, explain } from './explain';
import type { ConsoleResult } from './send';

const sandbox = { sandbox: true, baseUrl: 'https://sandbox.datastack.test' };
const localMock = { sandbox: false, baseUrl: 'http://127.0.0.1:4010' };

/** A response as `sendRequest` captures it (fetch gives header names in lower case). */
const response = (status: number, body: unknown, headers: [string, string][] = []): ConsoleResult => ({
  kind: 'response',
  status,
  statusText: '',
  headers: [['content-type', 'application/json'], ...headers],
  body: typeof body === 'string' ? body : JSON.stringify(body),
  durationMs: 3,
});

const networkError: ConsoleResult = { kind: 'network-error', message: 'Failed to fetch', durationMs: 3 };
const redirect: ConsoleResult = { kind: 'redirect', durationMs: 3 };

const invalidToken = { error: 'invalid_token', message: 'The credential was revoked.', request_id: 'req_L8cvQ9SCeGCCrjpP' };
const insufficientScope = {
  error: 'insufficient_scope',
  message: 'This operation requires the manage:clusters scope.',
  request_id: 'req_L8cvQ9SCeGCCrjpP',
  details: { required_scope: 'manage:clusters' },
};
const adminRequired = { error: 'forbidden', message: 'Your role is member: only organization admins may use read:org.', request_id: 'req_L8cvQ9SCeGCCrjpP' };
const rateLimited = { error: 'rate_limited', message: 'Too many requests for this credential; retry in 17 seconds.', request_id: 'req_L8cvQ9SCeGCCrjpP' };

function explained(result: ConsoleResult, target = sandbox): Explanation {
  const explanation = explain(result, target);
  if (!explanation) throw new Error('expected an explanation');
  return explanation;
}

describe('explain', () => {
  it('quotes the WWW-Authenticate challenge of a 401', () => {
    const challenge = 'Bearer realm="datastack", error="invalid_token", error_description="The credential expired or was revoked."';
    const { title, text } = explained(response(401, invalidToken, [['www-authenticate', challenge]]));
    expect(title).toBe('401: who are you?');
    expect(text).toContain(`\`WWW-Authenticate: ${challenge}\``);
  });

  it('explains a 401 without a challenge without mentioning one', () => {
    expect(explained(response(401, invalidToken)).text).not.toContain('WWW-Authenticate');
  });

  it('names the scope a 403 insufficient_scope asks for', () => {
    const { title, text } = explained(response(403, insufficientScope));
    expect(title).toBe('403: missing scope');
    expect(text).toContain('`manage:clusters`');
  });

  it('blames the role or settings for any other 403', () => {
    const { title, text } = explained(response(403, adminRequired));
    expect(title).toBe('403: not allowed');
    expect(text).toContain('role');
    expect(text).toContain('settings');
  });

  it('says how many seconds Retry-After asks a 429 to wait', () => {
    expect(explained(response(429, rateLimited, [['retry-after', '17']])).text).toContain('Wait 17 s');
  });

  it('blames the service worker when the sandbox does not answer', () => {
    const { text } = explained(networkError, sandbox);
    expect(text).toContain('service worker');
    expect(text).not.toContain('npm run mock');
  });

  it('names the base URL and `npm run mock` when another server does not answer', () => {
    const { text } = explained(networkError, localMock);
    expect(text).toContain('http://127.0.0.1:4010');
    expect(text).toContain('`npm run mock`');
    expect(text).toContain('CORS');
  });

  it('tells the reader to open a redirecting endpoint in a tab', () => {
    expect(explained(redirect).title).toBe('Redirect');
  });

  it.each([200, 201, 204, 400, 404])('says nothing about a %i', (status) => {
    expect(explain(response(status, status === 204 ? '' : { ok: true }), sandbox)).toBeUndefined();
  });

  it('explains a 403 whose body is not JSON', () => {
    expect(explained(response(403, '<html>Forbidden</html>')).title).toBe('403: not allowed');
  });
});

describe('explanation guide links', () => {
  /** The heading anchors of a docs page: an MDX comment holding `#id` at the end of a heading line. */
  const anchorsOf = (docPath: string): Set<string> => {
    const text = readFileSync(new URL(`../../docs/${docPath}.mdx`, import.meta.url), 'utf8');
    return new Set([...text.matchAll(/^#{1,6} .*\{\/\* #([\w-]+) \*\/\}\s*$/gm)].map((match) => match[1] ?? ''));
  };

  const everyExplanation: [string, Explanation][] = [
    ['401', explained(response(401, invalidToken))],
    ['403 insufficient_scope', explained(response(403, insufficientScope))],
    ['403', explained(response(403, adminRequired))],
    ['429', explained(response(429, rateLimited))],
    ['network error (sandbox)', explained(networkError, sandbox)],
    ['network error (other server)', explained(networkError, localMock)],
    ['redirect', explained(redirect)],
  ];

  it('finds the anchors it checks against', () => {
    expect(anchorsOf('authentication')).toContain('scopes');
  });

  it.each(everyExplanation)('%s links to a heading of the authentication guide', (_case, { guide }) => {
    const match = /^\/docs\/([\w-]+)#([\w-]+)$/.exec(guide.path);
    expect(match, guide.path).not.toBeNull();
    const [, docPath = '', anchor = ''] = match ?? [];
    expect(anchorsOf(docPath)).toContain(anchor);
  });
});
