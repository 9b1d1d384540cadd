import { describe, expect, it } from 'vitest';

import { isoTime } from '../../core/clock';
import { storeCaps } from '../../core/store';
import { auditEvents } from '../../test/support/audit-feed';
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
    sandbox.store.pats.update('tok_graceRead', { revokedAt: sandbox.clock.now() - 1000 });
    sandbox.store.accessTokens.update((await plantAccessToken(sandbox, 'usr_grace', ['read:profile'])).id, { expiresAt: sandbox.clock.now() - 1 });
    sandbox.store.refreshTokens.update((await plantRefreshToken(sandbox, 'usr_grace', 'fam_old')).id, { usedAt: sandbox.clock.now() - 1 });
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

describe('GET /v1/org/members/{userId}/tokens (listMemberTokens)', () => {
  it('lists one member’s tokens newest first, revoked ones included, without secrets', async () => {
    const { call, tick } = await testSandbox();
    tick(1000);
    const laptop = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Laptop', lifetime_days: 1, scopes: ['read:profile'] } });
    await call('DELETE', '/v1/org/members/usr_grace/tokens/tok_graceRead', { token: seeded.adaToken });
    const response = await call('GET', '/v1/org/members/usr_grace/tokens', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body.data.map((token: { id: string; status: string }) => [token.id, token.status])).toEqual([
      [laptop.body.id, 'active'],
      ['tok_graceRead', 'revoked'],
    ]);
    expect(response.text).not.toContain(laptop.body.token);
    const page = await call('GET', '/v1/org/members/usr_grace/tokens?limit=1', { token: seeded.adaToken });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.next_cursor).not.toBeNull();
  });

  it('is for admins of the same organization only', async () => {
    const { call, sandbox } = await testSandbox();
    expect((await call('GET', '/v1/org/members/usr_pia/tokens', { token: seeded.adaToken })).status).toBe(404);
    const member = await call('GET', '/v1/org/members/usr_ada/tokens', { token: await graceOrgToken(sandbox) });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('read:org'));
  });
});

describe('DELETE /v1/org/members/{userId}/tokens/{tokenId} (revokeMemberToken)', () => {
  it('issue 11: an admin revokes one token of a member; the member’s other credentials keep working', async () => {
    const { call, sandbox } = await testSandbox();
    const other = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Second laptop', lifetime_days: 1, scopes: ['read:profile'] } });
    const response = await call('DELETE', '/v1/org/members/usr_grace/tokens/tok_graceRead', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'tok_graceRead', user_id: 'usr_grace', status: 'revoked', revoked_at: isoTime(sandbox.clock.now()) });
    expect((await call('GET', '/v1/me', { token: seeded.graceToken })).body).toMatchObject({ error: 'invalid_token', message: 'The credential was revoked.' });
    expect((await call('GET', '/v1/me', { token: other.body.token })).status).toBe(200);
    expect((await call('GET', '/v1/clusters', { token: seeded.dashboardKey })).status).toBe(200);
    const [event] = await auditEvents(call);
    expect(event).toMatchObject({ type: 'token.revoked', data: { token_id: 'tok_graceRead', user_id: 'usr_grace', revoked_by: 'usr_ada', reason: 'admin_revoked' } });
    const again = await call('DELETE', '/v1/org/members/usr_grace/tokens/tok_graceRead', { token: seeded.adaToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: 'Personal access token tok_graceRead is already revoked.' });
  });

  it('answers 404 when the token is not that member’s, and revokes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const revocations = () => sandbox.store.pats.values().map((token) => token.revokedAt);
    const before = revocations();
    for (const [userId, tokenId, message] of [
      ['usr_grace', 'tok_adaCli', 'Member usr_grace has no personal access token tok_adaCli.'],
      ['usr_alan', 'tok_graceRead', 'Member usr_alan has no personal access token tok_graceRead.'],
      ['usr_grace', 'tok_nothing', 'Member usr_grace has no personal access token tok_nothing.'],
      ['usr_pia', 'tok_piaCli', 'Your organization has no member usr_pia.'],
    ]) {
      const response = await call('DELETE', `/v1/org/members/${userId}/tokens/${tokenId}`, { token: seeded.adaToken });
      expect(response.status, `${userId} ${tokenId}`).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found', message });
    }
    expect(revocations()).toEqual(before);
  });

  it('is for admins only', async () => {
    const { call, sandbox } = await testSandbox();
    const member = await call('DELETE', '/v1/org/members/usr_ada/tokens/tok_adaCli', { token: await graceOrgToken(sandbox) });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('manage:org'));
    const unscoped = await call('DELETE', '/v1/org/members/usr_grace/tokens/tok_graceRead', { token: seeded.graceToken });
    expect(unscoped.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:org' } });
    expect(sandbox.store.pats.get('tok_adaCli')?.revokedAt).toBeNull();
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBeNull();
  });
});

const katherine = { email: 'Katherine@Acme.test', name: 'Katherine Johnson', role: 'member' };

describe('POST /v1/org/members (addOrgMember)', () => {
  it('issue 11: adds a member whose initial password is shown once, kept only as a PBKDF2 verifier, and signs in', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/org/members', { token: seeded.adaToken, json: katherine });
    expect(response.status).toBe(201);
    const { id, initial_password: password } = response.body as { id: string; initial_password: string };
    expect(response.body).toEqual({
      id: expect.stringMatching(/^usr_[A-Za-z0-9]{16}$/),
      name: 'Katherine Johnson',
      email: 'katherine@acme.test',
      role: 'member',
      joined_at: isoTime(sandbox.clock.now()),
      initial_password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(sandbox.store.users.get(id)?.passwordVerifier).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(JSON.stringify(sandbox.persist())).not.toContain(password);

    const members = await call('GET', '/v1/org/members', { token: seeded.adaToken });
    expect(members.body.data.at(-1)).toMatchObject({ id, email: 'katherine@acme.test', role: 'member' });
    const token = await call('POST', '/v1/tokens', { basic: { username: 'katherine@acme.test', password }, json: { label: 'First', lifetime_days: 1, scopes: ['read:profile'] } });
    expect(token.status).toBe(201);
    const me = await call('GET', '/v1/me', { token: token.body.token });
    expect(me.body).toMatchObject({ user: { id, email: 'katherine@acme.test' }, org: { id: 'org_acme' }, role: 'member' });
  });

  it('refuses an email an active user signs in with (409, details.field), in any organization and any case', async () => {
    const { call, sandbox } = await testSandbox();
    const before = sandbox.store.users.count(() => true);
    for (const email of ['grace@acme.test', 'GRACE@acme.test', 'lin@loadlab.test']) {
      const response = await call('POST', '/v1/org/members', { token: seeded.adaToken, json: { ...katherine, email } });
      expect(response.status, email).toBe(409);
      expect(response.body).toMatchObject({ error: 'conflict', message: `A user already signs in with ${email.toLowerCase()}.`, details: { field: 'email' } });
    }
    expect(sandbox.store.users.count(() => true)).toBe(before);
  });

  it('gives a removed member’s email to someone new, and only the new password signs in', async () => {
    const { call } = await testSandbox();
    expect((await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken })).status).toBe(200);
    const added = await call('POST', '/v1/org/members', { token: seeded.adaToken, json: { email: 'grace@acme.test', name: 'Grace Hopper', role: 'viewer' } });
    expect(added.status).toBe(201);
    const json = { label: 'Back', lifetime_days: 1, scopes: ['read:profile'] };
    expect((await call('POST', '/v1/tokens', { basic: seeded.grace, json })).status).toBe(401);
    const fresh = await call('POST', '/v1/tokens', { basic: { username: 'grace@acme.test', password: added.body.initial_password }, json });
    expect(fresh.status).toBe(201);
    expect((await call('GET', '/v1/me', { token: fresh.body.token })).body).toMatchObject({ user: { id: added.body.id }, role: 'viewer' });
  });

  it.each([
    ['no role', { email: 'k@acme.test', name: 'K' }, 'role'],
    ['an unknown role', { ...katherine, role: 'owner' }, 'role'],
    ['an email that is not one', { ...katherine, email: 'katherine' }, 'email'],
    ['an empty name', { ...katherine, name: '' }, 'name'],
    ['an unknown field', { ...katherine, password: 'chosen' }, 'password'],
  ])('refuses %s with 400 naming the field, adding nobody', async (_case, json, field) => {
    const { call, sandbox } = await testSandbox();
    const before = sandbox.store.users.count(() => true);
    const response = await call('POST', '/v1/org/members', { token: seeded.adaToken, json });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', details: { field } });
    expect(sandbox.store.users.count(() => true)).toBe(before);
  });

  it('keeps at most the sandbox’s number of members per organization', async () => {
    const { call, sandbox } = await testSandbox();
    const ada = sandbox.store.users.get('usr_ada');
    if (!ada) throw new Error('seed without usr_ada');
    const current = sandbox.store.users.count((user) => user.orgId === 'org_acme' && user.removedAt === null);
    for (let i = current; i < storeCaps.membersPerOrg; i++) sandbox.store.users.put({ ...ada, id: `usr_filler${i}`, email: `filler${i}@acme.test`, role: 'viewer' });
    const full = await call('POST', '/v1/org/members', { token: seeded.adaToken, json: katherine });
    expect(full.status).toBe(409);
    expect(full.body.message).toBe(`The organization already has ${storeCaps.membersPerOrg} members, the most the sandbox keeps; remove one first.`);
    expect((await call('DELETE', '/v1/org/members/usr_filler10', { token: seeded.adaToken })).status).toBe(200);
    expect((await call('POST', '/v1/org/members', { token: seeded.adaToken, json: katherine })).status).toBe(201);
  });

  it('is for admins only, and a refusal adds nobody', async () => {
    const { call, sandbox } = await testSandbox();
    const before = sandbox.store.users.count(() => true);
    const member = await call('POST', '/v1/org/members', { token: await graceOrgToken(sandbox), json: katherine });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('manage:org'));
    expect(sandbox.store.users.count(() => true)).toBe(before);
  });
});

/** Makes Grace an admin, so that Ada is not the only one. */
async function promoteGrace(call: Awaited<ReturnType<typeof testSandbox>>['call']): Promise<void> {
  const response = await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: { role: 'admin' } });
  expect(response.status).toBe(200);
}

describe('PATCH /v1/org/members/{userId} (updateOrgMember)', () => {
  it('issue 11: a demoted admin’s token loses admin power on its very next request, and is not revoked', async () => {
    const { call } = await testSandbox();
    await promoteGrace(call);
    const token = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'Admin work', lifetime_days: 1, scopes: ['read:profile', 'read:org'] } });
    expect(token.status).toBe(201);
    expect((await call('GET', '/v1/org/members', { token: token.body.token })).status).toBe(200);

    const demoted = await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: { role: 'member' } });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toEqual({
      member: expect.objectContaining({ id: 'usr_grace', role: 'member' }),
      previous_role: 'admin',
      revoked: { api_keys: [], oauth_clients: [] },
    });
    const refused = await call('GET', '/v1/org/members', { token: token.body.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject(adminOnly('read:org'));
    expect((await call('GET', '/v1/me', { token: token.body.token })).body).toMatchObject({ role: 'member' });
  });

  it('shows the new role in GET /sandbox, so the console picks a current admin', async () => {
    const { call } = await testSandbox();
    await promoteGrace(call);
    const roleOf = async (id: string) => (await call('GET', '/sandbox')).body.users.find((user: { id: string }) => user.id === id)?.role;
    expect(await roleOf('usr_grace')).toBe('admin');
    await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: { role: 'viewer' } });
    expect(await roleOf('usr_grace')).toBe('viewer');
  });

  it('revokes the API keys and deletes the confidential clients the member made that the new role may not grant, and says which', async () => {
    const { call, sandbox } = await testSandbox();
    await promoteGrace(call);
    const readKey = await plantApiKey(sandbox, 'usr_ada', ['read:clusters']);
    const orgKey = await plantApiKey(sandbox, 'usr_ada', ['manage:org']);
    const register = async (type: 'confidential' | 'public', scopes: string[]) => {
      const json = { name: `${type} ${scopes.join(' ')}`, type, redirect_uris: ['https://apps.acme.test/cb'], allowed_scopes: scopes, grant_types: ['authorization_code'] };
      const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json });
      expect(response.status).toBe(201);
      return response.body.client_id as string;
    };
    const writer = await register('confidential', ['manage:clusters']);
    const reader = await register('confidential', ['read:clusters']);
    const app = await register('public', ['manage:clusters']);
    const reporting = await call('POST', '/oauth2/token', {
      basic: { username: seeded.reporting.clientId, password: seeded.reporting.clientSecret },
      form: { grant_type: 'client_credentials' },
    });

    const response = await call('PATCH', '/v1/org/members/usr_ada', { token: seeded.adaToken, json: { role: 'viewer' } });
    expect(response.status).toBe(200);
    expect(response.body.previous_role).toBe('admin');
    expect(response.body.member.role).toBe('viewer');
    // key_ingest holds manage:clusters, key_platform the resource manage: scopes, the planted org
    // key manage:org. cli_reporting reads only.
    expect([...response.body.revoked.api_keys].sort()).toEqual(['key_ingest', 'key_platform', orgKey.id].sort());
    // cli_opsConsole is allowed all-apis, which includes manage: scopes a viewer may not grant.
    expect([...response.body.revoked.oauth_clients].sort()).toEqual(['cli_opsConsole', writer].sort());

    for (const secret of [seeded.ingestKey, orgKey.secret]) expect((await call('GET', '/v1/me', { token: secret })).status).toBe(401);
    expect((await call('GET', '/v1/clusters', { token: readKey.secret })).status).toBe(200);
    expect((await call('GET', '/v1/clusters', { token: reporting.body.access_token })).status).toBe(200);
    const clients = await call('GET', '/v1/oauth-clients', { token: (await plantAccessToken(sandbox, 'usr_grace', ['read:oauth-clients'])).secret });
    expect(clients.body.data.map((client: { client_id: string }) => client.client_id).sort()).toEqual(['cli_desktop', 'cli_reporting', app, reader].sort());
    const events = await auditEvents(call);
    expect(events.filter((event) => event.type === 'api_key.revoked').map((event) => event.data.revoked_by)).toEqual(['usr_ada', 'usr_ada', 'usr_ada']);
    // Her own token stays, capped by the viewer role.
    const write = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: { name: 'etl', node_type: 'm5.large', num_workers: 1 } });
    expect(write.status).toBe(403);
    expect(write.body.message).toBe('Your role is viewer: viewers have read-only access and may not use manage:clusters.');
  });

  it('keeps an admin: demoting the only one is 409 and changes nothing; with another admin, an admin may demote themselves', async () => {
    const { call, sandbox } = await testSandbox();
    const credentials = () => JSON.stringify([sandbox.persist().store.users, sandbox.store.apiKeys.values().map((key) => key.revokedAt), sandbox.persist().store.clients]);
    const before = credentials();
    const refused = await call('PATCH', '/v1/org/members/usr_ada', { token: seeded.adaToken, json: { role: 'member' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'conflict',
      message: "usr_ada is the organization's only admin; make another member admin before you change their role.",
    });
    expect(credentials()).toBe(before);
    await promoteGrace(call);
    const self = await call('PATCH', '/v1/org/members/usr_ada', { token: seeded.adaToken, json: { role: 'member' } });
    expect(self.status).toBe(200);
    expect((await call('GET', '/v1/org/members', { token: seeded.adaToken })).body).toMatchObject(adminOnly('read:org'));
  });

  it('revokes nothing on a promotion or when the role stays the same', async () => {
    const { call, sandbox } = await testSandbox();
    const same = await call('PATCH', '/v1/org/members/usr_alan', { token: seeded.adaToken, json: { role: 'viewer' } });
    expect(same.body).toMatchObject({ previous_role: 'viewer', member: { role: 'viewer' }, revoked: { api_keys: [], oauth_clients: [] } });
    const up = await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: { role: 'admin' } });
    expect(up.body).toMatchObject({ previous_role: 'member', member: { role: 'admin' }, revoked: { api_keys: [], oauth_clients: [] } });
    expect(sandbox.store.apiKeys.get('key_dashboard')?.revokedAt).toBeNull();
  });

  it('refuses a bad role (400, details.field), unknown members (404) and non-admins (403), changing nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const before = JSON.stringify(sandbox.persist().store.users);
    const bad = await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: { role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual({ field: 'role' });
    expect((await call('PATCH', '/v1/org/members/usr_grace', { token: seeded.adaToken, json: {} })).body.details).toEqual({ field: 'role' });
    for (const userId of ['usr_lin', 'usr_nobody']) {
      expect((await call('PATCH', `/v1/org/members/${userId}`, { token: seeded.adaToken, json: { role: 'viewer' } })).status).toBe(404);
    }
    const member = await call('PATCH', '/v1/org/members/usr_grace', { token: await graceOrgToken(sandbox), json: { role: 'admin' } });
    expect(member.status).toBe(403);
    expect(member.body).toMatchObject(adminOnly('manage:org'));
    expect(JSON.stringify(sandbox.persist().store.users)).toBe(before);
  });
});
