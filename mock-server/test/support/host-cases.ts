/**
 * Behaviours every host must show identically (Hono's `runTest` idea), as data: each case is a
 * request and what the answer must hold, so the in-process app and the Node server (vitest, through
 * `host-suite.ts`) and the browser worker (Playwright, `e2e/sandbox-in-browser.spec.ts`) run the
 * same cases with the same check. Free of any test runner, so both runners can load it.
 */
import { seeded } from './client';

export interface HostRequest {
  path: string;
  init?: { method?: string; headers?: Record<string, string>; body?: string };
}

/** What a host answered, header names in lower case. */
export interface HostAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HostCase {
  name: string;
  request: HostRequest;
  status?: number;
  /** By lower-case name: the exact value, or patterns the value must match. */
  headers?: Record<string, string | RegExp | readonly RegExp[]>;
  /** Fields the JSON body must have (a partial match). */
  json?: Record<string, unknown>;
}

const asAda = { Authorization: `Bearer ${seeded.adaToken}` };

export const hostCases: readonly HostCase[] = [
  {
    name: 'answers an authenticated call with the identity and every standard header',
    request: { path: '/v1/me', init: { headers: asAda } },
    status: 200,
    headers: { 'x-request-id': /^req_/, 'ratelimit-limit': '1000', 'access-control-allow-origin': '*' },
    json: { user: { id: 'usr_ada' }, credential: { kind: 'personal_access_token' } },
  },
  {
    name: 'exposes its headers to cross-origin pages',
    request: { path: '/v1/me', init: { headers: { ...asAda, Origin: 'http://127.0.0.1:3000' } } },
    headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': [/X-Request-Id/, /WWW-Authenticate/] },
  },
  {
    name: 'refuses a missing credential with 401 and a challenge',
    request: { path: '/v1/me' },
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="datastack"' },
  },
  {
    name: 'refuses a credential narrowed below the scope an operation needs with 403, naming the scope',
    request: { path: '/v1/me', init: { headers: { ...asAda, 'x-datastack-scope': 'manage:clusters' } } },
    status: 403,
    json: { error: 'insufficient_scope', details: { required_scope: 'read:profile' } },
  },
  {
    name: 'answers a CORS preflight for the headers the console sends',
    request: {
      path: '/v1/api-keys',
      init: {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:3000',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, x-datastack-scope',
        },
      },
    },
    status: 204,
    headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': /x-datastack-scope/i },
  },
  {
    name: 'refuses malformed JSON with 400 and never a 5xx',
    request: { path: '/sandbox/clock', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"advance_seconds":' } },
    status: 400,
    json: { message: 'The body is not valid JSON.' },
  },
];

// The Fetch standard's forbidden request headers: a page's fetch drops them without a word, so a
// case that sends one (a preflight, an explicit Origin) asks a page for what it cannot send.
const forbiddenRequestHeader = /^(accept-charset|accept-encoding|access-control-request-.+|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;

/** The cases a page can send as written: those whose request has no forbidden header. */
export function casesForAPage(cases: readonly HostCase[]): HostCase[] {
  return cases.filter((hostCase) => !Object.keys(hostCase.request.init?.headers ?? {}).some((name) => forbiddenRequestHeader.test(name)));
}

/** The part of vitest's and Playwright's `expect` the check uses, so either runner can pass its own. */
export type HostExpect = (actual: unknown) => {
  toBe(expected: unknown): void;
  toMatch(expected: RegExp): void;
  toMatchObject(expected: Record<string, unknown>): void;
};

/** Asserts, with the runner's `expect`, that the answer holds everything the case says. */
export function checkAnswer(hostCase: HostCase, answer: HostAnswer, expect: HostExpect): void {
  if (hostCase.status !== undefined) expect(answer.status).toBe(hostCase.status);
  for (const [name, wanted] of Object.entries(hostCase.headers ?? {})) {
    if (typeof wanted === 'string') expect(answer.headers[name]).toBe(wanted);
    else for (const pattern of [wanted].flat()) expect(answer.headers[name]).toMatch(pattern);
  }
  if (hostCase.json) expect(JSON.parse(answer.body)).toMatchObject(hostCase.json);
}
