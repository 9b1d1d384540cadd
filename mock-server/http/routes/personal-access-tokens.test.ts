import { describe, expect, it } from 'vitest';

import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';
import { expectCapReached } from '../../test/support/refusal';
import { plantAccessToken, plantApiKey } from '../../test/support/plant';

const day = 86_400_000;

/** Creates a token for Ada with her password; returns the 201 body. */
async function createWithPassword(
  call: Awaited<ReturnType<typeof testSandbox>>['call'],
  json: Record<string, unknown>,
  who: { username: string; password: string } = seeded.ada,
) {
  const response = await call('POST', '/v1/tokens', { basic: who, json });
  expect(response.status).toBe(201);
  return response.body;
}

describe('POST /v1/tokens (createPersonalAccessToken)', () => {
  it('creates a token from a password and shows the secret once', async () => {
    const { call, sandbox } = await testSandbox();
    const now = sandbox.clock.now();
    const response = await call('POST', '/v1/tokens', {
      basic: seeded.ada,
      json: { label: 'Nightly export job', lifetime_days: 30, scopes: ['read:profile', 'read:clusters'] },
    });
    expect(response.status).toBe(201);
    const { token, ...record } = response.body;
    expect(token).toMatch(/^dsp_[0-9a-f]{64}$/);
    expect(record).toMatchObject({
      user_id: 'usr_ada',
      label: 'Nightly export job',
      prefix: token.slice(0, 8),
      last_four: token.slice(-4),
      scopes: ['read:profile', 'read:clusters'],
      status: 'active',
      last_used_at: null,
      revoked_at: null,
    });
    expect(Date.parse(record.expires_at) - Date.parse(record.created_at)).toBe(30 * day);
    expect(Math.abs(Date.parse(record.created_at) - now)).toBeLessThan(1000);

    // The store keeps only a hash; the token works; get never shows the secret again.
    expect(JSON.stringify(sandbox.persist().store)).not.toContain(token);
    const me = await call('GET', '/v1/me', { token });
    expect(me.body).toMatchObject({ user: { id: 'usr_ada' }, credential: { kind: 'personal_access_token', id: record.id } });
    const got = await call('GET', `/v1/tokens/${record.id}`, { token: seeded.adaToken });
    expect(got.status).toBe(200);
    expect(got.text).not.toContain(token.slice(8, -4));
    expect(got.body.last_used_at).not.toBeNull();
  });

  it('gives a 90-day lifetime by default, capped at the organization maximum', async () => {
    const { call } = await testSandbox();
    const byDefault = await createWithPassword(call, { label: 'Default', scopes: ['read:clusters'] });
    expect(Date.parse(byDefault.expires_at) - Date.parse(byDefault.created_at)).toBe(90 * day);

    await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { max_token_lifetime_days: 30 } });
    const capped = await createWithPassword(call, { label: 'Capped', scopes: ['read:clusters'] });
    expect(Date.parse(capped.expires_at) - Date.parse(capped.created_at)).toBe(30 * day);
  });

  it('creates a token from another token of the same user, within that token’s scopes', async () => {
    const { call } = await testSandbox();
    // Ada's token holds manage:clusters, which covers read:clusters.
    const response = await call('POST', '/v1/tokens', {
      token: seeded.adaToken,
      json: { label: 'Read-only', lifetime_days: 7, scopes: ['read:clusters', 'manage:org'] },
    });
    expect(response.status).toBe(201);
    expect(response.body.user_id).toBe('usr_ada');
  });

  it('refuses scopes the authenticating token lacks with 403 insufficient_scope, and creates nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const narrow = await createWithPassword(call, { label: 'Narrow', lifetime_days: 7, scopes: ['manage:tokens', 'read:clusters'] });
    const before = sandbox.store.pats.size;
    const response = await call('POST', '/v1/tokens', {
      token: narrow.token,
      json: { label: 'Wider', lifetime_days: 7, scopes: ['read:clusters', 'manage:clusters'] },
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: 'insufficient_scope',
      message: 'The credential you authenticated with does not hold manage:clusters, so the new token cannot have it either.',
      details: { required_scope: 'manage:clusters' },
    });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack", error="insufficient_scope", scope="manage:clusters"');
    expect(sandbox.store.pats.size).toBe(before);
  });

  it('refuses a token without manage:tokens', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/tokens', { token: seeded.graceToken, json: { label: 'x', scopes: ['read:clusters'] } });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:tokens' } });
  });

  it('refuses an API key: it is not a personal credential', async () => {
    const { call, sandbox } = await testSandbox();
    const key = await plantApiKey(sandbox, 'usr_ada', ['manage:tokens', 'read:clusters']);
    const response = await call('POST', '/v1/tokens', { token: key.secret, json: { label: 'x', scopes: ['read:clusters'] } });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: 'forbidden',
      message: 'Personal access tokens belong to users: use your password, one of your tokens or an OAuth token issued for you, not an API key.',
    });
    const listed = await call('GET', '/v1/tokens', { token: key.secret });
    expect(listed.status).toBe(403);
  });

  it('accepts an OAuth token issued for the user, but not one a client holds as itself', async () => {
    const { call, sandbox } = await testSandbox();
    const forAda = await plantAccessToken(sandbox, 'usr_ada', ['manage:tokens', 'read:clusters']);
    const created = await call('POST', '/v1/tokens', { token: forAda.secret, json: { label: 'From OAuth', scopes: ['read:clusters'] } });
    expect(created.status).toBe(201);
    expect(created.body.user_id).toBe('usr_ada');

    const asClient = await plantAccessToken(sandbox, 'usr_ada', ['manage:tokens'], { clientId: 'cli_reporting', actsAs: 'client' });
    const refused = await call('POST', '/v1/tokens', { token: asClient.secret, json: { label: 'x', scopes: ['read:clusters'] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: 'forbidden',
      message: 'Personal access tokens belong to users, and this credential acts for a client, not a user.',
    });
  });

  it('lets members create tokens only while the organization allows it', async () => {
    const { call, sandbox } = await testSandbox();
    await createWithPassword(call, { label: 'Grace CLI', scopes: ['read:clusters'] }, seeded.grace);

    await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { members_can_create_tokens: false } });
    const before = sandbox.store.pats.size;
    const refused = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Grace CLI 2', scopes: ['read:clusters'] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', message: 'Your organization lets only admins create personal access tokens; an admin can let members create them with members_can_create_tokens in PATCH /v1/org/settings.' });
    expect(refused.headers.get('www-authenticate')).toBeNull();
    expect(sandbox.store.pats.size).toBe(before);
    await createWithPassword(call, { label: 'Admins still can', scopes: ['read:clusters'] });
  });

  it('refuses a lifetime above the organization maximum, naming it', async () => {
    const { call, sandbox } = await testSandbox();
    await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { max_token_lifetime_days: 180 } });
    const before = sandbox.store.pats.size;
    const response = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'Long', lifetime_days: 181, scopes: ['read:clusters'] } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid_request',
      message: 'lifetime_days may not exceed 180 in this organization.',
      details: { field: 'lifetime_days', max_lifetime_days: 180 },
    });
    expect(sandbox.store.pats.size).toBe(before);
    await createWithPassword(call, { label: 'Exactly', lifetime_days: 180, scopes: ['read:clusters'] });
  });

  it('issue 11: an organization maximum above 365 days is refused, so no setting can promise what tokens cannot have', async () => {
    const { call, sandbox } = await testSandbox();
    const refused = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { max_token_lifetime_days: 730 } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_request', details: { field: 'max_token_lifetime_days' } });
    expect(sandbox.store.orgs.get('org_acme')?.settings.max_token_lifetime_days).toBe(365);
    const response = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'Long', lifetime_days: 366, scopes: ['read:clusters'] } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', details: { field: 'lifetime_days' } });
  });

  it('creates a non-expiring token only where the organization allows it', async () => {
    const { call } = await testSandbox();
    const refused = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'Probe', lifetime_days: null, scopes: ['read:clusters'] } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'invalid_request',
      message: 'This organization does not allow tokens without an expiry; set lifetime_days.',
      details: { field: 'lifetime_days', max_lifetime_days: 365 },
    });

    await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { allow_non_expiring_tokens: true } });
    const created = await createWithPassword(call, { label: 'Probe', lifetime_days: null, scopes: ['read:clusters'] });
    expect(created.expires_at).toBeNull();
  });

  it('refuses unknown scopes, offline_access and malformed bodies with 400', async () => {
    const { call } = await testSandbox();
    for (const scopes of [['read:clusters', 'read:everything'], ['offline_access'], [], ['read:clusters', 'read:clusters']]) {
      const response = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'x', scopes } });
      expect(response.status, JSON.stringify(scopes)).toBe(400);
      expect(response.body.error).toBe('invalid_request');
    }
    const unknown = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'x', scopes: ['read:clusters', 'read:everything'] } });
    expect(unknown.body.details).toEqual({ field: 'scopes[1]' });
    const noLabel = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { scopes: ['read:clusters'] } });
    expect(noLabel.body).toMatchObject({ message: 'label is required.', details: { field: 'label' } });
  });

  it('refuses a wrong password with 401 and a Basic challenge, and a missing credential', async () => {
    const { call } = await testSandbox();
    const wrong = await call('POST', '/v1/tokens', { basic: { ...seeded.ada, password: 'nope' }, json: { label: 'x', scopes: ['read:clusters'] } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('The username or password is wrong.');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="datastack", Bearer /);
    const missing = await call('POST', '/v1/tokens', { json: { label: 'x', scopes: ['read:clusters'] } });
    expect(missing.status).toBe(401);
  });

  it('refuses other media types (415) and oversized bodies (413)', async () => {
    const { call } = await testSandbox();
    const text = await call('POST', '/v1/tokens', { basic: seeded.ada, body: 'label=x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    const big = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'x'.repeat(70_000), scopes: ['read:clusters'] } });
    expect(big.status).toBe(413);
  });

  it('caps a user’s active tokens, making room by dropping old inactive records', async () => {
    const { call, sandbox } = await testSandbox();
    const first = await createWithPassword(call, { label: 'Will be revoked', lifetime_days: 1, scopes: ['read:clusters'] }, seeded.grace);
    // The rest are made with a token: a password costs a slow key derivation each time.
    const minter = await createWithPassword(call, { label: 'Minter', lifetime_days: 1, scopes: ['manage:tokens', 'read:clusters'] }, seeded.grace);
    for (let i = 3; i < storeCaps.patsPerUser; i++) {
      const made = await call('POST', '/v1/tokens', { token: minter.token, json: { label: `Token ${i}`, lifetime_days: 1, scopes: ['read:clusters'] } });
      expect(made.status).toBe(201);
    }
    // With the seeded token, the first and the minter, Grace now holds the maximum.
    const before = sandbox.persist().store.pats;
    const refused = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'One too many', scopes: ['read:clusters'] } });
    expectCapReached(refused, storeCaps.patsPerUser, 'You already have 50 active personal access tokens, the most the sandbox keeps; revoke one first.');
    expect(sandbox.persist().store.pats).toEqual(before);

    sandbox.store.pats.update(first.id, { revokedAt: sandbox.clock.now() });
    const created = await createWithPassword(call, { label: 'Fits again', scopes: ['read:clusters'] }, seeded.grace);
    expect(sandbox.store.pats.get(first.id)).toBeUndefined();
    expect(sandbox.store.pats.count((token) => token.userId === 'usr_grace')).toBe(storeCaps.patsPerUser);
    expect(sandbox.store.pats.get(created.id)).toBeDefined();
  });
});

describe('GET /v1/tokens (listPersonalAccessTokens)', () => {
  it('lists only the caller’s own tokens, newest first, without secrets', async () => {
    const { call } = await testSandbox();
    const created = await createWithPassword(call, { label: 'Newest', lifetime_days: 7, scopes: ['read:clusters'] });
    const response = await call('GET', '/v1/tokens', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body.data.map((token: { id: string }) => token.id)).toEqual([created.id, 'tok_adaCli']);
    expect(response.body.next_cursor).toBeNull();
    expect(response.text).not.toContain(created.token);
    expect(response.body.data[1]).toMatchObject({ label: "Ada's CLI", prefix: 'dsp_1b59', last_four: '5331', status: 'active' });
  });

  it('pages with limit and cursor, and refuses a cursor it never returned', async () => {
    const { call, tick } = await testSandbox();
    const ids: string[] = [];
    for (const label of ['A', 'B', 'C']) {
      tick(1000);
      ids.unshift((await createWithPassword(call, { label, lifetime_days: 7, scopes: ['read:clusters'] })).id);
    }
    const first = await call('GET', '/v1/tokens?limit=2', { token: seeded.adaToken });
    expect(first.body.data.map((token: { id: string }) => token.id)).toEqual(ids.slice(0, 2));
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/tokens?limit=2&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(second.body.data.map((token: { id: string }) => token.id)).toEqual([ids[2], 'tok_adaCli']);
    expect(second.body.next_cursor).toBeNull();

    const bad = await call('GET', '/v1/tokens?cursor=bogus', { token: seeded.adaToken });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_request', details: { field: 'cursor' } });
    const tooBig = await call('GET', '/v1/tokens?limit=101', { token: seeded.adaToken });
    expect(tooBig.status).toBe(400);
  });

  it('reports expired and revoked tokens by their status', async () => {
    const { call } = await testSandbox();
    const short = await createWithPassword(call, { label: 'Short', lifetime_days: 1, scopes: ['read:clusters'] });
    const revoked = await createWithPassword(call, { label: 'Revoked', lifetime_days: 7, scopes: ['read:clusters'] });
    await call('DELETE', `/v1/tokens/${revoked.id}`, { token: seeded.adaToken });
    await call('POST', '/sandbox/clock', { json: { advance_seconds: 2 * 86_400 } });
    const response = await call('GET', '/v1/tokens', { token: seeded.adaToken });
    const status = Object.fromEntries(response.body.data.map((token: { id: string; status: string }) => [token.id, token.status]));
    expect(status).toEqual({ [short.id]: 'expired', [revoked.id]: 'revoked', tok_adaCli: 'active' });
  });

  it('needs read:tokens', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/tokens', { token: seeded.graceToken });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:tokens' } });
    expect((await call('GET', '/v1/tokens')).status).toBe(401);
  });
});

describe('GET /v1/tokens/{tokenId} (getPersonalAccessToken)', () => {
  it('returns one of the caller’s tokens', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/tokens/tok_adaCli', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'tok_adaCli', user_id: 'usr_ada', status: 'active', revoked_at: null });
  });

  it('reports another user’s token exactly like an unknown one', async () => {
    const { call } = await testSandbox();
    const other = await call('GET', '/v1/tokens/tok_graceRead', { token: seeded.adaToken });
    const unknown = await call('GET', '/v1/tokens/tok_nothingHere', { token: seeded.adaToken });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: 'not_found', message: 'You have no personal access token tok_graceRead.' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('You have no personal access token tok_nothingHere.');
  });
});

describe('DELETE /v1/tokens/{tokenId} (revokePersonalAccessToken)', () => {
  it('revokes a token at once, keeps the record, and answers 409 the second time', async () => {
    const { call, sandbox } = await testSandbox();
    const created = await createWithPassword(call, { label: 'Temp', lifetime_days: 7, scopes: ['read:profile'] });
    const response = await call('DELETE', `/v1/tokens/${created.id}`, { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.id, status: 'revoked', revoked_at: new Date(sandbox.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') });

    const use = await call('GET', '/v1/me', { token: created.token });
    expect(use.status).toBe(401);
    expect(use.body.message).toBe('The credential was revoked.');

    const again = await call('DELETE', `/v1/tokens/${created.id}`, { token: seeded.adaToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: `Personal access token ${created.id} is already revoked.` });
    expect((await call('GET', `/v1/tokens/${created.id}`, { token: seeded.adaToken })).body.status).toBe('revoked');
  });

  it('lets a token revoke itself (signing out)', async () => {
    const { call } = await testSandbox();
    const response = await call('DELETE', '/v1/tokens/tok_adaCli', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect((await call('GET', '/v1/me', { token: seeded.adaToken })).status).toBe(401);
  });

  it('cannot touch another user’s token, and needs manage:tokens', async () => {
    const { call, sandbox } = await testSandbox();
    const other = await call('DELETE', '/v1/tokens/tok_graceRead', { token: seeded.adaToken });
    expect(other.status).toBe(404);
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBeNull();
    const unscoped = await call('DELETE', '/v1/tokens/tok_graceRead', { token: seeded.graceToken });
    expect(unscoped.status).toBe(403);
    expect(unscoped.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:tokens' } });
  });

  it('has no PATCH: tokens cannot be edited or extended', async () => {
    const { call } = await testSandbox();
    const response = await call('PATCH', '/v1/tokens/tok_adaCli', { token: seeded.adaToken, json: { lifetime_days: 365 } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, DELETE');
  });
});
