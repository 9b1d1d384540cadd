/**
 * Test fixtures: credentials planted straight into a sandbox's store, for the cases the seed
 * does not cover (an API key or OAuth token with particular scopes, a user's OAuth grants).
 */
import type { Sandbox } from '../../core/sandbox';
import { randomId, randomToken } from '../../core/random';
import { hashSecret, secretHint } from '../../core/secrets';

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
  const hint = secretHint(secret, 12);
  const id = randomId('key');
  sandbox.store.apiKeys.put({
    id,
    orgId: user.orgId,
    userId,
    name: 'Planted key',
    scopes,
    secretHash: await hashSecret(secret),
    prefix: hint.prefix,
    lastFour: hint.last_four,
    environment: 'test',
    restricted: false,
    createdAt: sandbox.clock.now(),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
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
  const hint = secretHint(secret, 8);
  const id = randomId('at');
  sandbox.store.accessTokens.put({
    id,
    orgId: user.orgId,
    userId,
    clientId: options.clientId ?? 'cli_desktop',
    actsAs: options.actsAs ?? 'user',
    familyId: options.familyId ?? null,
    scopes,
    secretHash: await hashSecret(secret),
    prefix: hint.prefix,
    lastFour: hint.last_four,
    createdAt: sandbox.clock.now(),
    expiresAt: sandbox.clock.now() + hour,
    revokedAt: null,
    lastUsedAt: null,
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
