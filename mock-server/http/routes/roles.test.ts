/**
 * Issue 11, defect 1: an API key is an organization service credential whose power is its
 * scopes, never its creator's role; a user's credentials are capped by the user's current role.
 */
import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

describe('roles and service credentials', () => {
  it('issue 11: an API key made by an admin acts for no user and has no role on GET /v1/me', async () => {
    const { call } = await testSandbox();
    const key = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'Who am I', scopes: ['read:profile'], environment: 'test' } });
    expect(key.status).toBe(201);
    const me = await call('GET', '/v1/me', { token: key.body.secret });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: null, role: null, credential: { kind: 'api_key', id: key.body.id } });
  });

  it('issue 11: a key made by an admin cannot administer the organization unless an admin gave it an org scope', async () => {
    const { call, sandbox } = await testSandbox();
    const key = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Cluster bot', scopes: ['manage:clusters'], environment: 'test' },
    });
    const refused = await call('POST', '/v1/org/members/usr_grace/revoke-tokens', { token: key.body.secret });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:org' } });
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBeNull();
  });

  it('a member cannot give a new key, token or client an org scope', async () => {
    const { call, sandbox } = await testSandbox();
    const before = JSON.stringify(sandbox.persist().store);
    const token = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Org', lifetime_days: 1, scopes: ['read:org'] } });
    expect(token.status).toBe(403);
    expect(token.body).toMatchObject({ error: 'forbidden', message: 'Your role is member: only organization admins may grant read:org.' });
    expect(JSON.stringify(sandbox.persist().store)).toBe(before);
  });

  it('a viewer uses read scopes only, and may create read-only tokens for themself', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/clusters', { token: seeded.alanToken })).status).toBe(200);
    const write = await call('POST', '/v1/tokens', { basic: seeded.alan, json: { label: 'Write', lifetime_days: 1, scopes: ['manage:clusters'] } });
    expect(write.status).toBe(403);
    expect(write.body.message).toBe('Your role is viewer: viewers have read-only access and may not grant manage:clusters.');
    const read = await call('POST', '/v1/tokens', { basic: seeded.alan, json: { label: 'Read', lifetime_days: 1, scopes: ['read:clusters'] } });
    expect(read.status).toBe(201);
  });

  it('reports each plan tier: starter, business, enterprise', async () => {
    const { call } = await testSandbox();
    for (const [token, tier, limit] of [
      [seeded.piaToken, 'starter', '100'],
      [seeded.graceToken, 'business', '1000'],
      [seeded.globexKey, 'enterprise', '10000'],
    ] as const) {
      const me = await call('GET', '/v1/me', { token });
      expect(me.body.plan_tier).toBe(tier);
      expect(me.headers.get('ratelimit-limit')).toBe(limit);
    }
  });

  it('issue 11: keeps the sandbox controls out of the address limit, so a reset always works', async () => {
    const { call } = await testSandbox();
    for (let i = 0; i < 100; i++) await call('GET', '/v1/me', { token: 'dsp_wrong', clientAddress: '198.51.100.9' });
    expect((await call('POST', '/oauth2/token', { clientAddress: '198.51.100.9', form: { grant_type: 'client_credentials' } })).status).toBe(429);
    for (let i = 0; i < 120; i++) expect((await call('GET', '/sandbox', { clientAddress: '198.51.100.9' })).status).toBe(200);
    const reset = await call('POST', '/sandbox/reset', { clientAddress: '198.51.100.9' });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('ratelimit-limit')).toBe('100');
  });
});
