import { describe, expect, it } from 'vitest';

import { testSandbox } from '../../test/support/client';
import { addPartnerClient, desktopFamily, noStore, partnerGrant } from '../../test/support/oauth.fixtures';

describe('POST /oauth2/token: refresh_token', () => {
  it('rotates: a new access and refresh token, the old refresh token retired, the new access token acting for the user', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    expect(family.scopes).toEqual(['read:profile', 'read:clusters', 'offline_access']);
    const response = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop' },
    });
    expect(response.status).toBe(200);
    expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^dsa_/),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^dsr_[A-Za-z0-9_-]{43}$/),
      scope: 'read:profile read:clusters offline_access',
    });
    expect(response.body.refresh_token).not.toBe(family.refreshToken);
    const familyIds = new Set(sandbox.store.refreshTokens.values().map((token) => token.familyId));
    expect(familyIds.size).toBe(1);
    expect(sandbox.store.refreshTokens.values().map((token) => token.usedAt === null)).toEqual([false, true]);

    const me = await call('GET', '/v1/me', { token: response.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: 'usr_ada' }, credential: { kind: 'oauth_access_token', id: 'cli_desktop' } });
  });

  it('treats a second use of a refresh token as theft: invalid_grant and the whole family revoked', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const refresh = (token: string) => call('POST', '/oauth2/token', { form: { grant_type: 'refresh_token', refresh_token: token, client_id: 'cli_desktop' } });
    const rotated = await refresh(family.refreshToken ?? '');
    expect(rotated.status).toBe(200);

    const reused = await refresh(family.refreshToken ?? '');
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      error: 'invalid_grant',
      error_description: 'This refresh token was already used. Every token of this authorization has been revoked; sign in again.',
    });
    for (const token of [family.accessToken, rotated.body.access_token]) {
      expect((await call('GET', '/v1/me', { token })).status).toBe(401);
    }
    const latest = await refresh(rotated.body.refresh_token);
    expect(latest.body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' });
  });

  it('narrows the access token to a requested subset; the refresh token keeps the original scope', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const narrowed = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop', scope: 'read:profile' },
    });
    expect(narrowed.body.scope).toBe('read:profile offline_access');
    expect(sandbox.store.accessTokens.values().at(-1)?.scopes).toEqual(['read:profile']);
    const full = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: narrowed.body.refresh_token, client_id: 'cli_desktop' },
    });
    expect(full.body.scope).toBe('read:profile read:clusters offline_access');
  });

  it('refuses widening the scope with invalid_scope, and changes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const before = sandbox.store.snapshot();
    const response = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop', scope: 'read:profile manage:clusters' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_scope', error_description: 'manage:clusters was not granted to this refresh token.' });
    expect(sandbox.store.snapshot()).toEqual(before);
  });

  it("refuses another client's refresh token with invalid_grant and leaves it working for its owner", async () => {
    const { call, sandbox } = await testSandbox();
    const partner = await addPartnerClient(sandbox);
    const family = await desktopFamily(sandbox);
    const response = await call('POST', '/oauth2/token', {
      basic: { username: partner.clientId, password: partner.clientSecret },
      form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' });
    const owner = await call('POST', '/oauth2/token', { form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop' } });
    expect(owner.status).toBe(200);
  });

  it('lets a confidential client refresh with its secret', async () => {
    const { call, sandbox } = await testSandbox();
    const { partner, family } = await partnerGrant(sandbox);
    const response = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: partner.clientId, client_secret: partner.clientSecret },
    });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('read:clusters offline_access');
  });

  it('refuses unknown, expired and removed-user refresh tokens with invalid_grant, and a missing one with invalid_request', async () => {
    const { call, sandbox, tick } = await testSandbox();
    const refresh = (token?: string) =>
      call('POST', '/oauth2/token', { form: { grant_type: 'refresh_token', client_id: 'cli_desktop', ...(token === undefined ? {} : { refresh_token: token }) } });
    const missing = await refresh();
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'The refresh_token parameter is required.' });
    const unknown = await refresh(`dsr_${'A'.repeat(43)}`);
    expect(unknown.body.error).toBe('invalid_grant');

    const family = await desktopFamily(sandbox, 'usr_grace');
    sandbox.store.users.update('usr_grace', { removedAt: sandbox.clock.now() });
    expect((await refresh(family.refreshToken)).body.error).toBe('invalid_grant');
    sandbox.store.users.update('usr_grace', { removedAt: null });

    tick(30 * 86_400_000);
    const expired = await refresh(family.refreshToken);
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' });
  });
});
