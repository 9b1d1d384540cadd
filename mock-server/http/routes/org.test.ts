import { describe, expect, it } from 'vitest';

import { isoTime } from '../../core/clock';
import { seeded, testSandbox } from '../../test/support/client';
import { plantAccessToken, plantApiKey, plantRefreshToken } from '../../test/support/plant';

/**
 * An OAuth token for Grace (a member) that holds the org scopes, so the role check is what refuses
 * her. (She cannot mint one herself: her role may not grant them.)
 */
async function graceOrgToken(sandbox: Awaited<ReturnType<typeof testSandbox>>['sandbox']): Promise<string> {
  return (await plantAccessToken(sandbox, 'usr_grace', ['manage:org', 'read:profile'])).secret;
}

const adminOnly = (scope: 'read:org' | 'manage:org') => ({ error: 'forbidden', message: `Your role is member: only organization admins may use ${scope}.` });

describe('GET /v1/org/members (listOrgMembers)', () => {
  it('lists the caller’s organization in order of joining', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('GET', '/v1/org/members', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [
        { id: 'usr_ada', name: 'Ada Lovelace', email: 'ada@acme.test', role: 'admin', joined_at: isoTime(sandbox.store.users.get('usr_ada')?.createdAt ?? 0) },
        { id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test', role: 'member', joined_at: isoTime(sandbox.store.users.get('usr_grace')?.createdAt ?? 0) },
        { id: 'usr_alan', name: 'Alan Turing', email: 'alan@acme.test', role: 'viewer', joined_at: isoTime(sandbox.store.users.get('usr_alan')?.createdAt ?? 0) },
      ],
      next_cursor: null,
    });
  });

  it('pages with limit and cursor', async () => {
    const { call } = await testSandbox();
    const first = await call('GET', '/v1/org/members?limit=1', { token: seeded.adaToken });
    expect(first.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_ada']);
    const second = await call('GET', `/v1/org/members?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(second.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_grace']);
    const third = await call('GET', `/v1/org/members?limit=1&cursor=${second.body.next_cursor}`, { token: seeded.adaToken });
    expect(third.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_alan']);
    expect(third.body.next_cursor).toBeNull();
    const bad = await call('GET', '/v1/org/members?cursor=AAAA', { token: seeded.adaToken });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual({ field: 'cursor' });
  });

  it('refuses a member with forbidden even with the scope, and a credential without it with insufficient_scope', async () => {
    const { call, sandbox } = await testSandbox();
    const member = await call('GET', '/v1/org/members', { token: await graceOrgToken(sandbox) });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('read:org'));
    expect(member.headers.get('www-authenticate')).toBeNull();
    const unscoped = await call('GET', '/v1/org/members', { token: seeded.graceToken });
    expect(unscoped.status).toBe(403);
    expect(unscoped.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:org' } });
    expect((await call('GET', '/v1/org/members')).status).toBe(401);
  });

  it('issue 11: lets a service credential that an admin gave read:org list members: its scopes are its power', async () => {
    const { call, sandbox } = await testSandbox();
    const asClient = await plantAccessToken(sandbox, 'usr_ada', ['read:org'], { clientId: 'cli_reporting', actsAs: 'client' });
    expect((await call('GET', '/v1/org/members', { token: asClient.secret })).status).toBe(200);
    const key = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'Offboarding', scopes: ['manage:org'], environment: 'test' } });
    expect(key.status).toBe(201);
    expect((await call('GET', '/v1/org/members', { token: key.body.secret })).status).toBe(200);
  });
});

describe('DELETE /v1/org/members/{userId} (removeOrgMember)', () => {
  it('removes a member and cuts off every credential of theirs at once', async () => {
    const { call, sandbox } = await testSandbox();
    const pat = (await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Laptop', scopes: ['read:profile'] } })).body.token;
    const oauth = await plantAccessToken(sandbox, 'usr_grace', ['read:profile'], { familyId: 'fam_grace' });
    const refresh = await plantRefreshToken(sandbox, 'usr_grace', 'fam_grace');
    const lone = await plantAccessToken(sandbox, 'usr_grace', ['read:profile']);

    const response = await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user_id: 'usr_grace',
      member_removed: true,
      revoked_at: isoTime(sandbox.clock.now()),
      revoked: { personal_access_tokens: 2, api_keys: 1, oauth_grants: 2, total: 5 },
    });

    for (const credential of [seeded.graceToken, pat, seeded.dashboardKey, oauth.secret, lone.secret]) {
      const use = await call('GET', '/v1/me', { token: credential });
      expect(use.status).toBe(401);
      expect(use.body.message).toBe('The credential was revoked.');
    }
    expect(sandbox.store.refreshTokens.get(refresh.id)?.revokedAt).toBe(sandbox.clock.now());
    expect(sandbox.store.apiKeys.get('key_dashboard')?.revokedAt).toBe(sandbox.clock.now());
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(sandbox.clock.now());

    const members = await call('GET', '/v1/org/members', { token: seeded.adaToken });
    expect(members.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_ada', 'usr_alan']);
    const password = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Back?', scopes: ['read:profile'] } });
    expect(password.status).toBe(401);
    const again = await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken });
    expect(again.status).toBe(404);
  });

  it('counts only credentials that still worked', async () => {
    const { call, sandbox } = await testSandbox();
    const graceToken = sandbox.store.pats.get('tok_graceRead');
    if (graceToken) graceToken.revokedAt = sandbox.clock.now() - 1000;
    const expired = sandbox.store.accessTokens.get((await plantAccessToken(sandbox, 'usr_grace', ['read:profile'])).id);
    if (expired) expired.expiresAt = sandbox.clock.now() - 1;
    const used = sandbox.store.refreshTokens.get((await plantRefreshToken(sandbox, 'usr_grace', 'fam_old')).id);
    if (used) used.usedAt = sandbox.clock.now() - 1;
    const response = await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken });
    expect(response.body.revoked).toEqual({ personal_access_tokens: 0, api_keys: 1, oauth_grants: 0, total: 1 });
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(sandbox.clock.now() - 1000);
  });

  it('will not let an admin remove themselves, and changes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const before = JSON.stringify(sandbox.persist().store.users);
    const response = await call('DELETE', '/v1/org/members/usr_ada', { token: seeded.adaToken });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'conflict', message: 'You cannot remove yourself; ask another admin.' });
    expect(JSON.stringify(sandbox.persist().store.users)).toBe(before);
    expect((await call('GET', '/v1/me', { token: seeded.adaToken })).status).toBe(200);
  });

  it('reports users of other organizations and unknown ids as not found', async () => {
    const { call, sandbox } = await testSandbox();
    for (const userId of ['usr_lin', 'usr_nobody']) {
      const response = await call('DELETE', `/v1/org/members/${userId}`, { token: seeded.adaToken });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found', message: `Your organization has no member ${userId}.` });
    }
    expect(sandbox.store.users.get('usr_lin')?.removedAt).toBeNull();
  });

  it('is for admins only, and a refusal changes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const token = await graceOrgToken(sandbox);
    const before = JSON.stringify(sandbox.persist().store.users);
    const response = await call('DELETE', '/v1/org/members/usr_ada', { token });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject(adminOnly('manage:org'));
    expect(JSON.stringify(sandbox.persist().store.users)).toBe(before);
    const unscoped = await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.ingestKey });
    expect(unscoped.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:org' } });
  });
});

describe('POST /v1/org/members/{userId}/revoke-tokens (revokeUserTokens)', () => {
  it('revokes every credential but keeps the member, who can start afresh', async () => {
    const { call, sandbox } = await testSandbox();
    await plantAccessToken(sandbox, 'usr_grace', ['read:profile'], { familyId: 'fam_grace' });
    await plantRefreshToken(sandbox, 'usr_grace', 'fam_grace');
    const response = await call('POST', '/v1/org/members/usr_grace/revoke-tokens', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user_id: 'usr_grace',
      member_removed: false,
      revoked_at: isoTime(sandbox.clock.now()),
      revoked: { personal_access_tokens: 1, api_keys: 1, oauth_grants: 1, total: 3 },
    });
    expect((await call('GET', '/v1/me', { token: seeded.graceToken })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: seeded.dashboardKey })).status).toBe(401);

    const members = await call('GET', '/v1/org/members', { token: seeded.adaToken });
    expect(members.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_ada', 'usr_grace', 'usr_alan']);
    const fresh = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'New laptop', scopes: ['read:profile'] } });
    expect(fresh.status).toBe(201);
    const again = await call('POST', '/v1/org/members/usr_grace/revoke-tokens', { token: seeded.adaToken });
    expect(again.body.revoked).toEqual({ personal_access_tokens: 1, api_keys: 0, oauth_grants: 0, total: 1 });
  });

  it('may be called on yourself, revoking the calling credential too', async () => {
    const { call, sandbox } = await testSandbox();
    const key = await plantApiKey(sandbox, 'usr_ada', ['read:clusters']);
    const response = await call('POST', '/v1/org/members/usr_ada/revoke-tokens', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    // tok_adaCli and three keys: the seeded key_ingest and key_platform, and the planted one.
    expect(response.body.revoked).toEqual({ personal_access_tokens: 1, api_keys: 3, oauth_grants: 0, total: 4 });
    expect((await call('GET', '/v1/me', { token: seeded.adaToken })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: key.secret })).status).toBe(401);
  });

  it('is for admins of the same organization only', async () => {
    const { call, sandbox } = await testSandbox();
    const member = await call('POST', '/v1/org/members/usr_ada/revoke-tokens', { token: await graceOrgToken(sandbox) });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('manage:org'));
    const otherOrg = await call('POST', '/v1/org/members/usr_lin/revoke-tokens', { token: seeded.adaToken });
    expect(otherOrg.status).toBe(404);
    // Lin's key still authenticates (it lacks read:profile, so it gets past 401 to a 403).
    expect((await call('GET', '/v1/me', { token: seeded.loadtestKey })).body.error).toBe('insufficient_scope');
  });
});

describe('GET and PATCH /v1/org/settings (getOrgTokenSettings, updateOrgTokenSettings)', () => {
  it('returns the seeded token settings', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('GET', '/v1/org/settings', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      members_can_create_tokens: true,
      max_token_lifetime_days: 365,
      allow_non_expiring_tokens: false,
      updated_at: isoTime(sandbox.store.orgs.get('org_acme')?.settings.updatedAt ?? 0),
      updated_by: 'usr_ada',
    });
  });

  it('changes only the settings named and records who and when', async () => {
    const { call, sandbox, tick } = await testSandbox();
    tick(5000);
    const response = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { members_can_create_tokens: false, max_token_lifetime_days: 180 } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      members_can_create_tokens: false,
      max_token_lifetime_days: 180,
      allow_non_expiring_tokens: false,
      updated_at: isoTime(sandbox.clock.now()),
      updated_by: 'usr_ada',
    });
    expect((await call('GET', '/v1/org/settings', { token: seeded.adaToken })).body).toEqual(response.body);
    // The other organization is untouched.
    expect(sandbox.store.orgs.get('org_loadlab')?.settings.max_token_lifetime_days).toBe(90);
  });

  it('refuses an empty change, out-of-range values and unknown fields, changing nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const before = JSON.stringify(sandbox.persist().store.orgs);
    for (const json of [{}, { max_token_lifetime_days: 0 }, { max_token_lifetime_days: 366 }, { allow_non_expiring_tokens: 'yes' }, { plan: 'enterprise' }]) {
      const response = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(response.body.error).toBe('invalid_request');
    }
    const range = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, json: { max_token_lifetime_days: 366 } });
    expect(range.body.details).toEqual({ field: 'max_token_lifetime_days' });
    expect(JSON.stringify(sandbox.persist().store.orgs)).toBe(before);
  });

  it('refuses other media types (415) and oversized bodies (413)', async () => {
    const { call } = await testSandbox();
    const text = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    const big = await call('PATCH', '/v1/org/settings', { token: seeded.adaToken, body: ' '.repeat(70_000), headers: { 'Content-Type': 'application/json' } });
    expect(big.status).toBe(413);
  });

  it('is for admins only: forbidden for a member, insufficient_scope without the scope', async () => {
    const { call, sandbox } = await testSandbox();
    const token = await graceOrgToken(sandbox);
    const read = await call('GET', '/v1/org/settings', { token });
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject(adminOnly('read:org'));
    const before = JSON.stringify(sandbox.persist().store.orgs);
    const write = await call('PATCH', '/v1/org/settings', { token, json: { members_can_create_tokens: true } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject(adminOnly('manage:org'));
    expect(JSON.stringify(sandbox.persist().store.orgs)).toBe(before);
    const unscoped = await call('GET', '/v1/org/settings', { token: seeded.graceToken });
    expect(unscoped.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:org' } });
  });
});
