import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';
import { actingUserId, authenticateBearer } from './credentials/authenticate';
import { ApiError } from './errors';
import { checkRedirectUri, deleteOauthClient, registerOauthClient } from './oauth-clients';
import { Sandbox } from './sandbox';
import { seed } from './seed';

const secretOf = (id: string): string => seed.tokens.find((token) => token.id === id)?.secret ?? seed.apiKeys.find((key) => key.id === id)?.secret ?? '';
const seeded = { adaToken: secretOf('tok_adaCli'), ingestKey: secretOf('key_ingest') };

async function setup() {
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => 1_750_000_000_000) });
  const ada = await authenticateBearer(sandbox, seeded.adaToken);
  return { sandbox, ada };
}

describe('checkRedirectUri', () => {
  it.each([
    'https://app.acme.test/callback',
    'https://app.acme.test:8443/cb?x=1',
    'http://127.0.0.1:8765/callback',
    'http://[::1]:8765/callback',
    'http://localhost/callback',
  ])('accepts %s', (uri) => {
    expect(() => checkRedirectUri(uri, 'redirect_uris[0]')).not.toThrow();
  });

  it.each([
    ['callback', 'is not an absolute URI'],
    ['http://app.acme.test/cb', 'must use https'],
    ['http://127.0.0.2/cb', 'must use https'],
    ['custom.scheme:/cb', 'must use https'],
    ['https://app.acme.test/cb#', 'must not contain a fragment'],
    ['https://a:b@app.acme.test/cb', 'must not contain credentials'],
  ])('refuses %s', (uri, why) => {
    expect(() => checkRedirectUri(uri, 'redirect_uris[2]')).toThrow(
      expect.objectContaining({ code: 'invalid_request', message: expect.stringContaining(`redirect_uris[2] ${why}`), details: { field: 'redirect_uris[2]' } }),
    );
  });
});

describe('registerOauthClient', () => {
  it('refuses a duplicate redirect URI and an unknown scope before storing anything', async () => {
    const { sandbox, ada } = await setup();
    const base = { name: 'x', type: 'public' as const, allowedScopes: ['read:clusters'], grantTypes: ['authorization_code'] };
    await expect(
      registerOauthClient(sandbox, ada, { ...base, redirectUris: ['http://127.0.0.1/cb', 'http://127.0.0.1/cb'] }),
    ).rejects.toMatchObject({ message: 'redirect_uris lists the same URI twice.' });
    await expect(
      registerOauthClient(sandbox, ada, { ...base, redirectUris: ['http://127.0.0.1/cb'], allowedScopes: ['admin'] }),
    ).rejects.toMatchObject({ details: { field: 'allowed_scopes[0]' } });
    expect(sandbox.store.clients.size).toBe(seed.clients.length);
  });

  it('lets a device-flow-only public client register without redirect URIs', async () => {
    const { sandbox, ada } = await setup();
    const { client, secret } = await registerOauthClient(sandbox, ada, {
      name: 'TV app',
      type: 'public',
      allowedScopes: ['read:clusters'],
      grantTypes: ['urn:ietf:params:oauth:grant-type:device_code'],
    });
    expect(secret).toBeNull();
    expect(client).toMatchObject({ redirectUris: [], createdBy: 'usr_ada', orgId: 'org_acme' });
  });
});

describe('actingUserId', () => {
  it('is the user of a user credential, and the registering user of a client acting as itself', async () => {
    const { sandbox, ada } = await setup();
    expect(actingUserId(sandbox, ada)).toBe('usr_ada');
    expect(actingUserId(sandbox, { ...ada, user: null, credentialId: 'cli_reporting' })).toBe('usr_ada');
    expect(() => actingUserId(sandbox, { ...ada, user: null, credentialId: 'cli_gone' })).toThrow(ApiError);
  });
});

describe('deleteOauthClient', () => {
  it('revokes only the tokens of the deleted client', async () => {
    const { sandbox } = await setup();
    const now = sandbox.clock.now();
    const token = (id: string, clientId: string) => ({
      id,
      orgId: 'org_acme',
      userId: 'usr_ada',
      clientId,
      actsAs: 'client' as const,
      familyId: null,
      scopes: ['read:clusters'],
      secretHash: `hash-${id}`,
      prefix: 'dsa_xxxx',
      lastFour: 'xxxx',
      createdAt: now,
      expiresAt: now + 1000,
      revokedAt: null,
      lastUsedAt: null,
    });
    sandbox.store.accessTokens.put(token('at_1', 'cli_reporting'));
    sandbox.store.accessTokens.put(token('at_2', 'cli_desktop'));
    deleteOauthClient(sandbox, 'org_acme', 'cli_reporting');
    expect(sandbox.store.accessTokens.get('at_1')?.revokedAt).toBe(now);
    expect(sandbox.store.accessTokens.get('at_2')?.revokedAt).toBeNull();
    expect(sandbox.store.clients.get('cli_reporting')).toBeUndefined();
  });
});
