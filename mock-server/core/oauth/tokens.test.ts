import { describe, expect, it } from 'vitest';

import { SandboxClock } from '../clock';
import { ApiError } from '../errors';
import { Sandbox } from '../sandbox';
import { hashSecret } from '../secrets';
import { describeAuthorizationServer } from './metadata';
import { exchangeGrant, grants, supportedGrantTypes } from './grants';
import { issueTokenSet, revokeTokenFamily, sweepExpiredOAuthTokens, usedRefreshTokensKeptPerFamily } from './tokens';

async function setup() {
  let now = Date.now();
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => now) });
  const client = sandbox.store.clients.get('cli_desktop');
  const user = sandbox.store.users.get('usr_grace');
  if (!client || !user) throw new Error('seed changed');
  return { sandbox, client, user, advance: (ms: number) => (now += ms) };
}

const refresh = (sandbox: Sandbox, token: string | undefined) =>
  exchangeGrant(sandbox, { authorization: null, params: { grant_type: 'refresh_token', refresh_token: token ?? '', client_id: 'cli_desktop' } });

describe('issueTokenSet', () => {
  it('issues an access token and, offline, a refresh token in a new family, storing only hashes', async () => {
    const { sandbox, client, user } = await setup();
    const issued = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters', 'offline_access'], offline: true });
    expect(issued).toEqual({
      accessToken: expect.stringMatching(/^dsa_[A-Za-z0-9_-]{43}$/),
      accessTokenId: expect.stringMatching(/^oat_/),
      familyId: expect.stringMatching(/^fam_/),
      refreshToken: expect.stringMatching(/^dsr_[A-Za-z0-9_-]{43}$/),
      expiresIn: 3600,
      scopes: ['read:clusters', 'offline_access'],
    });
    const [access] = sandbox.store.accessTokens.values();
    const [stored] = sandbox.store.refreshTokens.values();
    expect(access).toMatchObject({ userId: 'usr_grace', actsAs: 'user', scopes: ['read:clusters'], secretHash: await hashSecret(issued.accessToken) });
    expect(stored).toMatchObject({ familyId: access?.familyId, scopes: ['read:clusters'], usedAt: null });
    const snapshot = JSON.stringify(sandbox.store.snapshot());
    expect(snapshot).not.toContain(issued.accessToken);
    expect(snapshot).not.toContain(issued.refreshToken);
  });

  it('issues no refresh token without offline, and refuses an empty grant or a user of another org', async () => {
    const { sandbox, client, user } = await setup();
    const online = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: false });
    expect(online.refreshToken).toBeUndefined();
    expect(sandbox.store.accessTokens.values()[0]?.familyId).toBeNull();
    await expect(issueTokenSet(sandbox, { client, user, scopes: [], offline: false })).rejects.toMatchObject({ code: 'invalid_scope' });
    const lin = sandbox.store.users.get('usr_lin');
    if (!lin) throw new Error('seed changed');
    await expect(issueTokenSet(sandbox, { client, user: lin, scopes: ['read:clusters'], offline: true })).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(sandbox.store.accessTokens.size).toBe(1);
  });
});

describe('refresh-token families', () => {
  it('keeps only the newest used refresh tokens of a family', async () => {
    const { sandbox, client, user } = await setup();
    let current = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    for (let i = 0; i < usedRefreshTokensKeptPerFamily + 5; i++) current = await refresh(sandbox, current.refreshToken);
    const rows = sandbox.store.refreshTokens.values();
    expect(rows.filter((row) => row.usedAt !== null)).toHaveLength(usedRefreshTokensKeptPerFamily);
    expect(rows.filter((row) => row.usedAt === null)).toHaveLength(1);
  });

  it('revokes every token of a family and no other', async () => {
    const { sandbox, client, user } = await setup();
    const first = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    const other = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    await refresh(sandbox, first.refreshToken);
    const familyId = sandbox.store.refreshTokens.find(await hashSecret(first.refreshToken ?? ''))?.familyId ?? '';
    revokeTokenFamily(sandbox, familyId);
    const otherHash = await hashSecret(other.accessToken);
    for (const row of sandbox.store.accessTokens.values()) expect(row.revokedAt === null).toBe(row.secretHash === otherHash);
    await expect(refresh(sandbox, other.refreshToken)).resolves.toMatchObject({ expiresIn: 3600 });
  });

  it('sweeps expired access tokens and expired or revoked refresh tokens', async () => {
    const { sandbox, client, user, advance } = await setup();
    const revoked = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    revokeTokenFamily(sandbox, sandbox.store.refreshTokens.find(await hashSecret(revoked.refreshToken ?? ''))?.familyId ?? '');
    await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    sweepExpiredOAuthTokens(sandbox);
    expect([sandbox.store.accessTokens.size, sandbox.store.refreshTokens.size]).toEqual([2, 1]);
    advance(3600 * 1000);
    sweepExpiredOAuthTokens(sandbox);
    expect([sandbox.store.accessTokens.size, sandbox.store.refreshTokens.size]).toEqual([0, 1]);
    advance(30 * 86_400_000);
    sweepExpiredOAuthTokens(sandbox);
    expect(sandbox.store.refreshTokens.size).toBe(0);
  });

  it('lets only one of two concurrent uses of a refresh token succeed', async () => {
    const { sandbox, client, user } = await setup();
    const family = await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true });
    const results = await Promise.allSettled([refresh(sandbox, family.refreshToken), refresh(sandbox, family.refreshToken)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason instanceof ApiError && rejected.reason.code).toBe('invalid_grant');
  });
});

describe('describeAuthorizationServer', () => {
  it('advertises exactly the grants the token endpoint has', () => {
    const metadata = describeAuthorizationServer('https://sandbox.datastack.test');
    expect(metadata.grant_types_supported).toEqual(supportedGrantTypes());
    expect(Object.keys(grants).sort()).toEqual([
      'authorization_code',
      'client_credentials',
      'refresh_token',
      'urn:ietf:params:oauth:grant-type:device_code',
    ]);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.token_endpoint_auth_methods_supported).toContain('client_secret_jwt');
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(['HS256']);
  });
});
