/**
 * Behaviours every host must show identically (Hono's `runTest` idea): the suite takes a
 * `fetch` bound to one host and a base URL, so the in-process app, the Node server and the
 * browser worker all run the same assertions.
 */
import { expect, it } from 'vitest';

import { seeded } from './client';

export type HostFetch = (path: string, init?: RequestInit) => Promise<Response>;

export function hostSuite(getFetch: () => HostFetch): void {
  it('answers an authenticated call with the identity and every standard header', async () => {
    const response = await getFetch()('/v1/me', { headers: { Authorization: `Bearer ${seeded.adaToken}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { id: string } }).user.id).toBe('usr_ada');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('ratelimit-limit')).toBe('1000');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('exposes its headers to cross-origin pages', async () => {
    const response = await getFetch()('/v1/me', { headers: { Authorization: `Bearer ${seeded.adaToken}`, Origin: 'http://127.0.0.1:3000' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });

  it('refuses a missing credential with 401 and a challenge', async () => {
    const response = await getFetch()('/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack"');
  });

  it('answers a CORS preflight for the headers the console sends', async () => {
    const response = await getFetch()('/v1/api-keys', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-datastack-scope',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-datastack-scope');
  });

  it('refuses malformed JSON with 400 and never a 5xx', async () => {
    const response = await getFetch()('/sandbox/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"advance_seconds":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('The body is not valid JSON.');
  });
}
