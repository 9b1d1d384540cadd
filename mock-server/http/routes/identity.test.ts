import { describe, expect, it } from 'vitest';

import { auditEvents } from '../../test/support/audit-feed';
import { seeded, testSandbox } from '../../test/support/client';
import { plantAccessToken, plantRefreshToken } from '../../test/support/plant';

describe('GET /v1/me (getCurrentIdentity)', () => {
  it('tells a personal access token who it acts as', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/me', { token: seeded.graceToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      user: { id: 'usr_grace', email: 'grace@acme.test' },
      org: { id: 'org_acme' },
      role: 'member',
      plan_tier: 'business',
      credential: { kind: 'personal_access_token', id: 'tok_graceRead' },
      scopes: ['read:profile', 'read:clusters', 'read:workspaces'],
    });
    expect(response.headers.get('ratelimit-limit')).toBe('1000');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{16}$/);
  });

  it('answers a missing credential with 401 and a bare Bearer challenge', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack"');
    expect(response.body).toEqual({
      error: 'invalid_token',
      message: 'This operation needs a credential: send Authorization: Bearer <token>.',
      request_id: response.headers.get('x-request-id'),
    });
  });

  it('answers an unknown credential with 401 invalid_token in the challenge', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/me', { token: `dsp_${'0'.repeat(64)}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="datastack", error="invalid_token", error_description="The credential is not recognised."',
    );
  });

  it('refuses a credential without read:profile with 403 naming the scope', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/me', { token: seeded.ingestKey });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:profile' } });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack", error="insufficient_scope", scope="read:profile"');
  });

  it('honours x-datastack-scope: unknown is 400, not enough for the operation is 403', async () => {
    const { call } = await testSandbox();
    const unknown = await call('GET', '/v1/me', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'read:everything' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_request', details: { field: 'x-datastack-scope' } });
    const wrong = await call('GET', '/v1/me', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'manage:clusters' } });
    expect(wrong.status).toBe(403);
    const right = await call('GET', '/v1/me', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'read:profile' } });
    expect(right.status).toBe(200);
  });

  it('refuses live keys with a message that says so', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/me', { token: 'sk_live_DhvN0WFpY1EV6Zf94cl9eQaxydFGh0zf' });
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Live keys do not work in the sandbox; use a test key (sk_test_ or rk_test_).');
  });

  it('refuses an expired token once the sandbox clock passes its expiry', async () => {
    const { call } = await testSandbox();
    await call('POST', '/sandbox/clock', { json: { advance_seconds: 91 * 86_400 } });
    const response = await call('GET', '/v1/me', { token: seeded.graceToken });
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('The credential expired.');
  });
});

describe('DELETE /v1/me/credential (revokeCurrentCredential)', () => {
  const revoked = { error: 'invalid_token', message: 'The credential was revoked.' };

  it('issue 11: lets a narrow token without manage:tokens revoke itself, after which it gets 401', async () => {
    const { call, sandbox } = await testSandbox();
    // Grace's token holds read:profile, read:clusters and read:workspaces: no token scope at all.
    const response = await call('DELETE', '/v1/me/credential', { token: seeded.graceToken });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(sandbox.clock.now());
    for (const path of ['/v1/me', '/v1/clusters']) {
      const after = await call('GET', path, { token: seeded.graceToken });
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject(revoked);
    }
    expect((await call('DELETE', '/v1/me/credential', { token: seeded.graceToken })).status).toBe(401);
    // Her other credentials are untouched.
    expect((await call('GET', '/v1/clusters', { token: seeded.dashboardKey })).status).toBe(200);
    const [event] = await auditEvents(call);
    expect(event).toMatchObject({ type: 'token.revoked', data: { token_id: 'tok_graceRead', user_id: 'usr_grace', revoked_by: 'usr_grace', reason: 'revoked' } });
  });

  it('revokes an API key whole, the previous secret of a rotation included, and announces it', async () => {
    const { call } = await testSandbox();
    const rotated = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, json: { grace_period_seconds: 3600 } });
    expect(rotated.status).toBe(200);
    // The old secret, still in its grace period, gives the key up.
    expect((await call('DELETE', '/v1/me/credential', { token: seeded.ingestKey })).status).toBe(204);
    // The new secret is refused as revoked; the old one is forgotten altogether, as DELETE /v1/api-keys/{keyId} does.
    expect((await call('GET', '/v1/clusters', { token: rotated.body.secret as string })).body).toMatchObject(revoked);
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).body).toMatchObject({ error: 'invalid_token', message: 'The credential is not recognised.' });
    const [event] = await auditEvents(call);
    expect(event).toMatchObject({ type: 'api_key.revoked', data: { api_key_id: 'key_ingest', revoked_by: 'usr_ada' } });
  });

  it('revokes an OAuth access token alone: the refresh token of its sign-in is ended at /oauth2/revoke', async () => {
    const { call, sandbox } = await testSandbox();
    const access = await plantAccessToken(sandbox, 'usr_grace', ['read:clusters'], { familyId: 'fam_grace' });
    const refresh = await plantRefreshToken(sandbox, 'usr_grace', 'fam_grace');
    expect((await call('DELETE', '/v1/me/credential', { token: access.secret })).status).toBe(204);
    expect((await call('GET', '/v1/clusters', { token: access.secret })).body).toMatchObject(revoked);
    expect(sandbox.store.accessTokens.get(access.id)?.revokedAt).toBe(sandbox.clock.now());
    expect(sandbox.store.refreshTokens.get(refresh.id)?.revokedAt).toBeNull();
  });

  it('checks a declared x-datastack-scope, and a refusal revokes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const unknown = await call('DELETE', '/v1/me/credential', { token: seeded.graceToken, headers: { 'x-datastack-scope': 'manage:everything' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual({ field: 'x-datastack-scope' });
    const notHeld = await call('DELETE', '/v1/me/credential', { token: seeded.graceToken, headers: { 'x-datastack-scope': 'manage:tokens' } });
    expect(notHeld.status).toBe(403);
    expect(notHeld.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:tokens' } });
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBeNull();
    const held = await call('DELETE', '/v1/me/credential', { token: seeded.graceToken, headers: { 'x-datastack-scope': 'read:clusters' } });
    expect(held.status).toBe(204);
  });

  it('needs a credential: none is 401, a password is not accepted', async () => {
    const { call } = await testSandbox();
    expect((await call('DELETE', '/v1/me/credential')).status).toBe(401);
    expect((await call('DELETE', '/v1/me/credential', { basic: seeded.grace })).status).toBe(401);
  });
});
