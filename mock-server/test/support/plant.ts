/**
 * Test fixtures: credentials planted straight into a sandbox's store, for the cases the seed
 * does not cover (an API key or OAuth token with particular scopes, a user's OAuth grants).
 */
import type { Sandbox } from '../../core/sandbox';
import { randomId, randomToken } from '../../core/random';
import { credentialRecord } from '../../core/credentials/record';
import { hashSecret } from '../../core/secrets';

interface Planted {
  id: string;
  secret: string;
}

const hour = 3_600_000;

/** An active test API key created by `userId`, holding `scopes`. */
export async function plantApiKey(sandbox: Sandbox, userId: string, scopes: string[]): Promise<Planted> {
  const user = sandbox.store.users.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const secret = `sk_test_${randomToken().replace(/[-_]/g, 'x').slice(0, 32)}`;
  const id = randomId('key');
  const fields = { id, orgId: user.orgId, userId, scopes, secret, secretHash: await hashSecret(secret), createdAt: sandbox.clock.now() };
  sandbox.store.apiKeys.put({
    ...credentialRecord({ ...fields, prefixLength: 12, expiresAt: null }),
    name: 'Planted key',
    environment: 'test',
    restricted: false,
    previousSecret: null,
  });
  return { id, secret };
}

/**
 * An OAuth access token issued to `clientId` for `userId` (or, with `actsAs: 'client'`, one the
 * client holds as itself), optionally inside a refresh-token family.
 */
export async function plantAccessToken(
  sandbox: Sandbox,
  userId: string,
  scopes: string[],
  options: { clientId?: string; actsAs?: 'user' | 'client'; familyId?: string | null } = {},
): Promise<Planted> {
  const user = sandbox.store.users.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const secret = `dsa_${randomToken()}`;
  const id = randomId('at');
  const now = sandbox.clock.now();
  const fields = { id, orgId: user.orgId, userId, scopes, secret, secretHash: await hashSecret(secret), createdAt: now };
  sandbox.store.accessTokens.put({
    ...credentialRecord({ ...fields, prefixLength: 8, expiresAt: now + hour }),
    clientId: options.clientId ?? 'cli_desktop',
    actsAs: options.actsAs ?? 'user',
    familyId: options.familyId ?? null,
  });
  return { id, secret };
}

/** A live refresh token of `familyId`, issued to `cli_desktop` for `userId`. */
export async function plantRefreshToken(sandbox: Sandbox, userId: string, familyId: string): Promise<Planted> {
  const user = sandbox.store.users.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const secret = `dsr_${randomToken()}`;
  const id = randomId('rt');
  sandbox.store.refreshTokens.put({
    id,
    secretHash: await hashSecret(secret),
    familyId,
    clientId: 'cli_desktop',
    orgId: user.orgId,
    userId,
    scopes: ['read:profile', 'offline_access'],
    createdAt: sandbox.clock.now(),
    expiresAt: sandbox.clock.now() + 30 * 24 * hour,
    usedAt: null,
    revokedAt: null,
  });
  return { id, secret };
}
