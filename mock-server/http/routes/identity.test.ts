import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

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
