import { describe, expect, it } from 'vitest';

import { permissionScopes } from '../../core/scopes';
import { hashSecret } from '../../core/secrets';
import { seed } from '../../core/seed';
import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';
import { expectCapReached } from '../../test/support/refusal';

const day = 86_400;

describe('GET /v1/api-keys (listApiKeys)', () => {
  it("lists the organization's keys newest first, with only prefix and last four of each secret", async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/api-keys', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body.next_cursor).toBeNull();
    expect(response.body.data.map((key: { id: string }) => key.id)).toEqual(['key_dashboard', 'key_ingest', 'key_platform']);
    expect(response.body.data[0]).toMatchObject({
      name: 'Dashboard (read-only)',
      restricted: true,
      prefix: 'rk_test_o4ye',
      last_four: 'RQji',
      status: 'active',
      created_by: 'usr_grace',
      previous_secret_expires_at: null,
    });
    expect(response.text).not.toContain(seeded.dashboardKey);
  });

  it('shows another organization only its own keys', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/api-keys', { token: seeded.loadtestKey });
    expect(response.body.data.map((key: { id: string }) => key.id)).toEqual(['key_loadtest']);
  });

  it('pages with limit and cursor', async () => {
    const { call } = await testSandbox();
    const first = await call('GET', '/v1/api-keys?limit=1', { token: seeded.adaToken });
    expect(first.body.data.map((key: { id: string }) => key.id)).toEqual(['key_dashboard']);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/api-keys?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(second.body.data.map((key: { id: string }) => key.id)).toEqual(['key_ingest']);
    const third = await call('GET', `/v1/api-keys?limit=1&cursor=${second.body.next_cursor}`, { token: seeded.adaToken });
    expect(third.body.data.map((key: { id: string }) => key.id)).toEqual(['key_platform']);
    expect(third.body.next_cursor).toBeNull();
  });

  it('refuses a bad limit or cursor with 400 naming the parameter', async () => {
    const { call } = await testSandbox();
    const limit = await call('GET', '/v1/api-keys?limit=0', { token: seeded.adaToken });
    expect(limit.status).toBe(400);
    expect(limit.body).toMatchObject({ error: 'invalid_request', details: { field: 'limit' } });
    const cursor = await call('GET', '/v1/api-keys?cursor=bm9wZQ', { token: seeded.adaToken });
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({
      error: 'invalid_request',
      message: 'cursor is not a value this list returned; pass next_cursor back unchanged.',
      details: { field: 'cursor' },
    });
  });

  it('answers 401 without a credential and 403 without read:api-keys', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/api-keys')).status).toBe(401);
    const forbidden = await call('GET', '/v1/api-keys', { token: seeded.graceToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:api-keys' } });
  });

  it('answers 429 with Retry-After once the credential used up its window', async () => {
    const { call, sandbox } = await testSandbox();
    for (let i = 0; i < 1000; i++) sandbox.limiter.hit('tok_adaCli', 'business');
    const response = await call('GET', '/v1/api-keys', { token: seeded.adaToken });
    expect(response.status).toBe(429);
    expect(response.body.error).toBe('rate_limited');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /v1/api-keys (createApiKey)', () => {
  it('creates a test key, shows the secret once, and the secret works', async () => {
    const { call, sandbox } = await testSandbox();
    const created = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Billing export', scopes: ['read:clusters'], environment: 'test' },
    });
    expect(created.status).toBe(201);
    const { secret, id } = created.body;
    expect(secret).toMatch(/^sk_test_[A-Za-z0-9]{32}$/);
    expect(created.body).toMatchObject({
      name: 'Billing export',
      environment: 'test',
      restricted: false,
      prefix: secret.slice(0, 12),
      last_four: secret.slice(-4),
      scopes: ['read:clusters'],
      status: 'active',
      created_by: 'usr_ada',
      expires_at: null,
      revoked_at: null,
    });
    // Stored only as a hash.
    const stored = sandbox.store.apiKeys.get(id);
    expect(stored?.secretHash).toBe(await hashSecret(secret));
    expect(JSON.stringify(sandbox.store.snapshot())).not.toContain(secret);

    expect((await call('GET', '/v1/clusters', { token: secret })).status).toBe(200);
    const fetched = await call('GET', `/v1/api-keys/${id}`, { token: seeded.adaToken });
    expect(fetched.body.secret).toBeUndefined();
    expect(fetched.body.last_used_at).not.toBeNull();
  });

  it('creates a restricted rk_ key with read scopes, and refuses other scopes on it', async () => {
    const { call, sandbox } = await testSandbox();
    const restricted = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Dashboard 2', scopes: ['read:clusters', 'read:workspaces'], environment: 'test', restricted: true },
    });
    expect(restricted.status).toBe(201);
    expect(restricted.body.secret).toMatch(/^rk_test_[A-Za-z0-9]{32}$/);

    const before = sandbox.store.apiKeys.size;
    const refused = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Nope', scopes: ['read:clusters', 'manage:clusters'], environment: 'test', restricted: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'invalid_request',
      message: 'A restricted key (rk_) holds only read: scopes; scopes[1] is manage:clusters.',
      details: { field: 'scopes[1]' },
    });
    expect(sandbox.store.apiKeys.size).toBe(before);
  });

  it('refuses a live key with 400 live_mode_unavailable and creates nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Production ingest', scopes: ['manage:clusters'], environment: 'live' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'live_mode_unavailable',
      message: 'The sandbox can only create test keys; use environment: test.',
      details: { field: 'environment' },
    });
    expect(sandbox.store.apiKeys.size).toBe(seed.apiKeys.length);
  });

  it('refuses scopes the calling credential does not hold with 403 naming the scope', async () => {
    const { call, sandbox } = await testSandbox();
    const limited = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Key maker', scopes: ['manage:api-keys', 'read:clusters'], environment: 'test' },
    });
    const before = sandbox.store.apiKeys.size;
    const escalation = await call('POST', '/v1/api-keys', {
      token: limited.body.secret,
      json: { name: 'Stronger', scopes: ['manage:clusters'], environment: 'test' },
    });
    expect(escalation.status).toBe(403);
    expect(escalation.body).toMatchObject({
      error: 'insufficient_scope',
      message: 'A key cannot hold more than the credential creating it: this credential lacks manage:clusters.',
      details: { required_scope: 'manage:clusters' },
    });
    expect(sandbox.store.apiKeys.size).toBe(before);
    // What it holds (read:clusters) it may pass on.
    const weaker = await call('POST', '/v1/api-keys', {
      token: limited.body.secret,
      json: { name: 'Weaker', scopes: ['read:clusters'], environment: 'test' },
    });
    expect(weaker.status).toBe(201);
  });

  it('refuses an unknown scope and a bad expiry with 400 naming the field', async () => {
    const { call, sandbox } = await testSandbox();
    const now = sandbox.clock.now();
    const cases = [
      [{ scopes: ['read:everything'] }, 'scopes[0]', `scopes[0] is not one of its ${permissionScopes.length} documented values.`],
      [{ expires_at: new Date(now - 1000).toISOString() }, 'expires_at', 'expires_at must be in the future.'],
      [{ expires_at: new Date(now + 731 * day * 1000).toISOString() }, 'expires_at', 'expires_at must be at most two years away.'],
      [{ expires_at: 'tomorrow' }, 'expires_at', 'expires_at must match format "date-time".'],
    ] as const;
    for (const [change, field, message] of cases) {
      const response = await call('POST', '/v1/api-keys', {
        token: seeded.adaToken,
        json: { name: 'Bad', scopes: ['read:clusters'], environment: 'test', ...change },
      });
      expect(response.status, field).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_request', message, details: { field } });
    }
    expect(sandbox.store.apiKeys.size).toBe(seed.apiKeys.length);
  });

  it('lets a key expire at its expires_at', async () => {
    const { call, sandbox } = await testSandbox();
    const expiresAt = new Date(sandbox.clock.now() + 3 * day * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const created = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Short-lived', scopes: ['read:clusters'], environment: 'test', expires_at: expiresAt },
    });
    expect(created.body.expires_at).toBe(expiresAt);
    await call('POST', '/sandbox/clock', { json: { advance_seconds: 3 * day } });
    const refused = await call('GET', '/v1/clusters', { token: created.body.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('The credential expired.');
    const listed = await call('GET', `/v1/api-keys/${created.body.id}`, { token: seeded.adaToken });
    expect(listed.body.status).toBe('expired');
  });

  it('refuses a new key once the organization holds the most the sandbox keeps', async () => {
    const { call, sandbox } = await testSandbox();
    const template = sandbox.store.apiKeys.get('key_ingest');
    if (!template) throw new Error('seed changed');
    for (let i = sandbox.store.apiKeys.count((key) => key.orgId === 'org_acme'); i < storeCaps.apiKeysPerOrg; i++) {
      sandbox.store.apiKeys.put({ ...template, id: `key_filler${i}`, secretHash: `filler${i}` });
    }
    const response = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'One too many', scopes: ['read:clusters'], environment: 'test' },
    });
    expectCapReached(
      response,
      storeCaps.apiKeysPerOrg,
      'The organization already has 100 API keys (revoked ones included), the most the sandbox keeps; POST /sandbox/reset starts afresh.',
    );
    expect(sandbox.store.apiKeys.size).toBe(storeCaps.apiKeysPerOrg + 2);
  });

  it('answers 413 for a body over 64 KiB and 415 for a body that is not JSON', async () => {
    const { call } = await testSandbox();
    const large = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'x'.repeat(70_000), scopes: ['read:clusters'], environment: 'test' },
    });
    expect(large.status).toBe(413);
    const form = await call('POST', '/v1/api-keys', { token: seeded.adaToken, form: { name: 'Form' } });
    expect(form.status).toBe(415);
    expect(form.body.error).toBe('unsupported_media_type');
  });

  it('answers 403 without manage:api-keys', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/api-keys', {
      token: seeded.loadtestKey,
      json: { name: 'Nope', scopes: ['read:clusters'], environment: 'test' },
    });
    expect(response.status).toBe(403);
    expect(response.body.details).toEqual({ required_scope: 'manage:api-keys' });
  });
});

describe('GET /v1/api-keys/{keyId} (getApiKey)', () => {
  it('returns a key of the organization without its secret', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/api-keys/key_ingest', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'key_ingest', prefix: 'sk_test_DhvN', last_four: 'h0zf', created_by: 'usr_ada' });
  });

  it('answers 404 for an unknown key and for a key of another organization alike', async () => {
    const { call } = await testSandbox();
    for (const id of ['key_nothere', 'key_loadtest']) {
      const response = await call('GET', `/v1/api-keys/${id}`, { token: seeded.adaToken });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found', message: `No API key ${id} exists in your organization.` });
    }
  });
});

describe('PATCH /v1/api-keys/{keyId} (updateApiKey)', () => {
  it('renames a key and nothing else', async () => {
    const { call } = await testSandbox();
    const response = await call('PATCH', '/v1/api-keys/key_ingest', { token: seeded.adaToken, json: { name: 'Nightly ingest (v2 pipeline)' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'key_ingest', name: 'Nightly ingest (v2 pipeline)', scopes: ['manage:clusters', 'read:workspaces'] });
  });

  it('refuses other fields and an empty name with 400, changing nothing', async () => {
    const { call } = await testSandbox();
    const scopes = await call('PATCH', '/v1/api-keys/key_ingest', { token: seeded.adaToken, json: { name: 'x', scopes: ['manage:org'] } });
    expect(scopes.status).toBe(400);
    expect(scopes.body).toMatchObject({ message: 'scopes is not a field of this request.', details: { field: 'scopes' } });
    const empty = await call('PATCH', '/v1/api-keys/key_ingest', { token: seeded.adaToken, json: { name: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual({ field: 'name' });
    const after = await call('GET', '/v1/api-keys/key_ingest', { token: seeded.adaToken });
    expect(after.body.name).toBe('Nightly ingest');
  });

  it('answers 409 for a revoked key and 404 for an unknown one', async () => {
    const { call } = await testSandbox();
    await call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    const revoked = await call('PATCH', '/v1/api-keys/key_dashboard', { token: seeded.adaToken, json: { name: 'Renamed' } });
    expect(revoked.status).toBe(409);
    expect(revoked.body).toMatchObject({ error: 'conflict', message: 'API key key_dashboard is revoked and can no longer change.' });
    const unknown = await call('PATCH', '/v1/api-keys/key_nothere', { token: seeded.adaToken, json: { name: 'Renamed' } });
    expect(unknown.status).toBe(404);
  });

  it('answers 409 for an expired key', async () => {
    const { call, sandbox } = await testSandbox();
    sandbox.store.apiKeys.update('key_ingest', { expiresAt: sandbox.clock.now() - 1 });
    const response = await call('PATCH', '/v1/api-keys/key_ingest', { token: seeded.adaToken, json: { name: 'Renamed' } });
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('API key key_ingest is expired and can no longer change.');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { call } = await testSandbox();
    const response = await call('PATCH', '/v1/api-keys/key_ingest', { token: seeded.adaToken, body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
  });
});

describe('DELETE /v1/api-keys/{keyId} (revokeApiKey)', () => {
  it('revokes a key: the record stays listed as revoked and the secret stops working at once', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/clusters', { token: seeded.dashboardKey })).status).toBe(200);
    const response = await call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'key_dashboard', status: 'revoked', revoked_at: expect.any(String) });
    const refused = await call('GET', '/v1/clusters', { token: seeded.dashboardKey });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('The credential was revoked.');
    const listed = await call('GET', '/v1/api-keys', { token: seeded.adaToken });
    expect(listed.body.data.find((key: { id: string }) => key.id === 'key_dashboard').status).toBe('revoked');
  });

  it('answers 409 when the key is already revoked, leaving revoked_at as it was', async () => {
    const { call, tick } = await testSandbox();
    const first = await call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    tick(5_000);
    const again = await call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: 'API key key_dashboard is revoked and can no longer change.' });
    const after = await call('GET', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    expect(after.body.revoked_at).toBe(first.body.revoked_at);
  });

  it('also cuts off a rotated-out secret still in its grace period', async () => {
    const { call } = await testSandbox();
    await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken });
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(200);
    const revoked = await call('DELETE', '/v1/api-keys/key_ingest', { token: seeded.adaToken });
    expect(revoked.body.previous_secret_expires_at).toBeNull();
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(401);
  });

  it('answers 404 for a key of another organization, and 403 without manage:api-keys', async () => {
    const { call } = await testSandbox();
    expect((await call('DELETE', '/v1/api-keys/key_loadtest', { token: seeded.adaToken })).status).toBe(404);
    const forbidden = await call('DELETE', '/v1/api-keys/key_loadtest', { token: seeded.loadtestKey });
    expect(forbidden.status).toBe(403);
    expect((await call('GET', '/v1/api-keys/key_loadtest', { token: seeded.loadtestKey })).body.status).toBe('active');
  });
});

describe('POST /v1/api-keys/{keyId}/rotate (rotateApiKey)', () => {
  it('issues a new secret once; the old one works until the default 24-hour grace period ends', async () => {
    const { call, sandbox } = await testSandbox();
    const now = sandbox.clock.now();
    const rotated = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken });
    expect(rotated.status).toBe(200);
    const { secret } = rotated.body;
    expect(secret).toMatch(/^sk_test_[A-Za-z0-9]{32}$/);
    expect(secret).not.toBe(seeded.ingestKey);
    expect(rotated.body).toMatchObject({ id: 'key_ingest', name: 'Nightly ingest', prefix: secret.slice(0, 12), last_four: secret.slice(-4) });
    expect(Date.parse(rotated.body.previous_secret_expires_at)).toBe(Math.floor((now + day * 1000) / 1000) * 1000);

    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(200);
    expect((await call('GET', '/v1/clusters', { token: secret })).status).toBe(200);

    await call('POST', '/sandbox/clock', { json: { advance_seconds: day } });
    const old = await call('GET', '/v1/clusters', { token: seeded.ingestKey });
    expect(old.status).toBe(401);
    expect(old.body.message).toBe('This API key secret was rotated and its grace period is over; use the new secret.');
    expect((await call('GET', '/v1/clusters', { token: secret })).status).toBe(200);
    const listed = await call('GET', '/v1/api-keys/key_ingest', { token: seeded.adaToken });
    expect(listed.body.previous_secret_expires_at).toBeNull();
  });

  it('with grace_period_seconds 0 cuts the old secret off at once', async () => {
    const { call } = await testSandbox();
    const rotated = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, json: { grace_period_seconds: 0 } });
    expect(rotated.body.previous_secret_expires_at).toBeNull();
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(401);
  });

  it('rotating again ends the earlier grace period: at most two secrets work', async () => {
    const { call } = await testSandbox();
    const first = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, json: { grace_period_seconds: 3600 } });
    const second = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, json: { grace_period_seconds: 3600 } });
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(401);
    expect((await call('GET', '/v1/clusters', { token: first.body.secret })).status).toBe(200);
    expect((await call('GET', '/v1/clusters', { token: second.body.secret })).status).toBe(200);
  });

  it('keeps a restricted key restricted', async () => {
    const { call } = await testSandbox();
    const rotated = await call('POST', '/v1/api-keys/key_dashboard/rotate', { token: seeded.adaToken });
    expect(rotated.body.secret).toMatch(/^rk_test_/);
  });

  it('refuses a grace period over 7 days with 400 and changes nothing', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, json: { grace_period_seconds: 604_801 } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', details: { field: 'grace_period_seconds' } });
    const after = await call('GET', '/v1/api-keys/key_ingest', { token: seeded.adaToken });
    expect(after.body).toMatchObject({ prefix: 'sk_test_DhvN', previous_secret_expires_at: null });
  });

  it('answers 409 for a revoked key, 404 for an unknown one, 413 and 415 for bad bodies', async () => {
    const { call } = await testSandbox();
    await call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    const revoked = await call('POST', '/v1/api-keys/key_dashboard/rotate', { token: seeded.adaToken });
    expect(revoked.status).toBe(409);
    expect(revoked.body.message).toBe('API key key_dashboard is revoked and can no longer change.');
    expect((await call('POST', '/v1/api-keys/key_nothere/rotate', { token: seeded.adaToken })).status).toBe(404);
    const large = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, body: ' '.repeat(70_000), headers: { 'content-type': 'application/json' } });
    expect(large.status).toBe(413);
    const text = await call('POST', '/v1/api-keys/key_ingest/rotate', { token: seeded.adaToken, body: 'grace=0', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});
