import { describe, expect, it } from 'vitest';

import { SandboxClock } from '../clock';
import { Sandbox } from '../sandbox';
import { hashSecret } from '../secrets';
import { seed } from '../seed';
import { apiKeyStatus, createApiKey, previousSecretExpiresAt, renameApiKey, revokeApiKey, rotateApiKey } from './api-keys';
import { authenticateBearer } from './authenticate';

const secretOf = (id: string): string => seed.tokens.find((token) => token.id === id)?.secret ?? seed.apiKeys.find((key) => key.id === id)?.secret ?? '';
const seeded = { adaToken: secretOf('tok_adaCli'), ingestKey: secretOf('key_ingest') };

async function setup() {
  const clock = new SandboxClock(0, () => 1_750_000_000_000);
  const sandbox = await Sandbox.create({ clock });
  const ada = await authenticateBearer(sandbox, seeded.adaToken);
  return { sandbox, clock, ada };
}

describe('createApiKey', () => {
  it('stores the new key under its hash, created by the user behind the caller', async () => {
    const { sandbox, ada } = await setup();
    const { key, secret } = await createApiKey(sandbox, ada, { name: 'CI', scopes: ['read:clusters'], environment: 'test' });
    expect(key).toMatchObject({ orgId: 'org_acme', userId: 'usr_ada', restricted: false, prefix: secret.slice(0, 12), lastFour: secret.slice(-4) });
    expect(sandbox.store.apiKeys.find(await hashSecret(secret))).toBe(key);
  });

  it('checks live mode first, then scopes, then escalation', async () => {
    const { sandbox, ada } = await setup();
    await expect(createApiKey(sandbox, ada, { name: 'x', scopes: ['nope'], environment: 'live' })).rejects.toMatchObject({
      code: 'live_mode_unavailable',
      details: { field: 'environment' },
    });
    await expect(createApiKey(sandbox, ada, { name: 'x', scopes: ['nope'], environment: 'test' })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { field: 'scopes' },
    });
    await expect(createApiKey(sandbox, ada, { name: 'x', scopes: [], environment: 'test' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      createApiKey(sandbox, ada, { name: 'x', scopes: ['read:clusters', 'read:clusters'], environment: 'test' }),
    ).rejects.toMatchObject({ message: 'scopes lists a scope twice.' });
    const weak = { ...ada, scopes: ['manage:api-keys', 'read:clusters'] };
    await expect(createApiKey(sandbox, weak, { name: 'x', scopes: ['manage:clusters'], environment: 'test' })).rejects.toMatchObject({
      code: 'insufficient_scope',
      details: { required_scope: 'manage:clusters' },
    });
    expect(sandbox.store.apiKeys.size).toBe(seed.apiKeys.length);
  });

  it('accepts an expiry up to two years away and no further', async () => {
    const { sandbox, ada, clock } = await setup();
    const twoYears = new Date(clock.now() + 730 * 86_400_000).toISOString();
    const { key } = await createApiKey(sandbox, ada, { name: 'x', scopes: ['read:clusters'], environment: 'test', expiresAt: twoYears });
    expect(key.expiresAt).toBe(Date.parse(twoYears));
    const tooFar = new Date(clock.now() + 730 * 86_400_000 + 1000).toISOString();
    await expect(createApiKey(sandbox, ada, { name: 'x', scopes: ['read:clusters'], environment: 'test', expiresAt: tooFar })).rejects.toMatchObject({
      details: { field: 'expires_at' },
    });
  });
});

describe('API key lifecycle', () => {
  it('derives status from the clock: active, then expired; revoked wins', async () => {
    const { sandbox, ada, clock } = await setup();
    const { key } = await createApiKey(sandbox, ada, {
      name: 'x',
      scopes: ['read:clusters'],
      environment: 'test',
      expiresAt: new Date(clock.now() + 60_000).toISOString(),
    });
    expect(apiKeyStatus(key, clock.now())).toBe('active');
    clock.advance(60);
    expect(apiKeyStatus(key, clock.now())).toBe('expired');
    expect(() => renameApiKey(sandbox, 'org_acme', key.id, 'y')).toThrow('is expired and can no longer change');
    await expect(revokeApiKey(sandbox, ada, key.id)).rejects.toThrow('is expired and can no longer change');
    const ingest = await revokeApiKey(sandbox, ada, 'key_ingest');
    expect(apiKeyStatus(ingest, clock.now())).toBe('revoked');
  });

  it('rotation keeps one previous secret in the index, and revocation drops it', async () => {
    const { sandbox, clock, ada } = await setup();
    const oldHash = await hashSecret(seeded.ingestKey);
    const { key, secret } = await rotateApiKey(sandbox, 'org_acme', 'key_ingest', 60);
    expect(sandbox.store.apiKeys.find(oldHash)).toBe(key);
    expect(sandbox.store.apiKeys.find(await hashSecret(secret))).toBe(key);
    expect(previousSecretExpiresAt(key, clock.now())).toBe(clock.now() + 60_000);

    const again = await rotateApiKey(sandbox, 'org_acme', 'key_ingest', 60);
    expect(sandbox.store.apiKeys.find(oldHash)).toBeUndefined();
    expect(sandbox.store.apiKeys.find(await hashSecret(secret))).toBe(again.key);

    clock.advance(60);
    expect(previousSecretExpiresAt(again.key, clock.now())).toBeNull();

    const revoked = await revokeApiKey(sandbox, ada, 'key_ingest');
    expect(revoked.previousSecret).toBeNull();
    expect(sandbox.store.apiKeys.find(await hashSecret(secret))).toBeUndefined();
    expect(sandbox.store.apiKeys.find(await hashSecret(again.secret))).toBe(revoked);
  });

  it('refuses a grace period outside 0–604800 before changing anything', async () => {
    const { sandbox } = await setup();
    const before = { ...sandbox.store.apiKeys.get('key_ingest') };
    await expect(rotateApiKey(sandbox, 'org_acme', 'key_ingest', -1)).rejects.toMatchObject({ details: { field: 'grace_period_seconds' } });
    await expect(rotateApiKey(sandbox, 'org_acme', 'key_ingest', 604_801)).rejects.toMatchObject({ details: { field: 'grace_period_seconds' } });
    expect(sandbox.store.apiKeys.get('key_ingest')).toEqual(before);
  });

  it('does not reach keys of another organization', async () => {
    const { sandbox, ada } = await setup();
    await expect(revokeApiKey(sandbox, ada, 'key_loadtest')).rejects.toThrow('No API key key_loadtest exists in your organization.');
    await expect(rotateApiKey(sandbox, 'org_acme', 'key_loadtest')).rejects.toMatchObject({ code: 'not_found' });
  });
});
