import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

const secret = new TextEncoder().encode(seeded.reporting.clientSecret);
const clientId = seeded.reporting.clientId;

interface Overrides {
  alg?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  scope?: string;
  key?: Uint8Array;
}

async function clientJwt(nowMs: number, overrides: Overrides = {}): Promise<string> {
  const iat = overrides.iat ?? Math.floor(nowMs / 1000);
  const claims: Record<string, unknown> = { jti: overrides.jti ?? crypto.randomUUID() };
  if (overrides.scope !== undefined) claims.scope = overrides.scope;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(overrides.aud ?? 'datastack-api')
    .setIssuedAt(iat)
    .setExpirationTime(overrides.exp ?? iat + 120)
    .sign(overrides.key ?? secret);
}

describe('client-signed JWTs as bearer credentials', () => {
  it('act as the client, with its allowed scopes', async () => {
    const { call, sandbox } = await testSandbox();
    const jwt = await clientJwt(sandbox.clock.now());
    const response = await call('GET', '/v1/clusters', { token: jwt });
    expect(response.status).not.toBe(401);
    const me = await call('GET', '/v1/me', { token: await clientJwt(sandbox.clock.now()) });
    // cli_reporting may not read profiles: the JWT carries the client's scopes, nothing more.
    expect(me.status).toBe(403);
    expect(me.body.details).toEqual({ required_scope: 'read:profile' });
  });

  it('narrow to the scope claim, and refuse scopes the client may not use', async () => {
    const { call, sandbox } = await testSandbox();
    const narrowed = await call('GET', '/v1/workspaces', { token: await clientJwt(sandbox.clock.now(), { scope: 'read:clusters' }) });
    expect(narrowed.status).toBe(403);
    const escalated = await call('GET', '/v1/workspaces', { token: await clientJwt(sandbox.clock.now(), { scope: 'manage:org' }) });
    expect(escalated.status).toBe(401);
    expect(escalated.body.message).toBe('The JWT scope claim names scopes this client may not use.');
  });

  it.each([
    ['alg none', async (now: number) => new UnsecuredJWT({ iss: clientId, sub: clientId, aud: 'datastack-api', jti: 'x', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 60 }).encode(), 'The JWT must be signed with HS256, not none.'],
    ['another algorithm', (now: number) => clientJwt(now, { alg: 'HS512' }), 'The JWT must be signed with HS256, not HS512.'],
    ['the wrong audience', (now: number) => clientJwt(now, { aud: 'https://sandbox.datastack.test/oauth2/token' }), 'The JWT audience (aud) must be datastack-api.'],
    ['an expired token', (now: number) => clientJwt(now, { iat: Math.floor(now / 1000) - 200, exp: Math.floor(now / 1000) - 100 }), 'The JWT expired.'],
    ['a future-dated token', (now: number) => clientJwt(now, { iat: Math.floor(now / 1000) + 600, exp: Math.floor(now / 1000) + 700 }), 'The JWT is dated in the future (iat).'],
    ['a lifetime over five minutes', (now: number) => clientJwt(now, { exp: Math.floor(now / 1000) + 3600 }), 'The JWT may live at most 300 seconds (exp - iat).'],
    ['a wrong signing secret', (now: number) => clientJwt(now, { key: new TextEncoder().encode('not-the-secret-but-long-enough-000') }), 'The JWT signature does not match the client secret.'],
  ])('refuse %s with a reason', async (_case, make, message) => {
    const { call, sandbox } = await testSandbox();
    const response = await call('GET', '/v1/clusters', { token: await make(sandbox.clock.now()) });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_token', message });
  });

  it('refuse a replayed jti', async () => {
    const { call, sandbox } = await testSandbox();
    const jwt = await clientJwt(sandbox.clock.now(), { jti: 'once-only' });
    expect((await call('GET', '/v1/clusters', { token: jwt })).status).not.toBe(401);
    const replay = await call('GET', '/v1/clusters', { token: jwt });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toBe('This JWT was already used (its jti was seen before); sign a new one.');
  });
});
