import { describe, expect, it } from 'vitest';

import { hashSecret } from '../../core/secrets';
import { seed } from '../../core/seed';
import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';
import { plantAccessToken } from '../../test/support/plant';
import { expectCapReached } from '../../test/support/refusal';

const confidential = {
  name: 'Quarterly board report',
  type: 'confidential',
  redirect_uris: ['https://reports.acme.test/oauth/callback'],
  allowed_scopes: ['read:clusters', 'read:workspaces', 'offline_access'],
  grant_types: ['authorization_code', 'refresh_token'],
};

const publicClient = {
  name: 'Acme CLI',
  type: 'public',
  redirect_uris: ['http://127.0.0.1:9000/callback', 'http://[::1]:9000/callback', 'http://localhost/cb'],
  allowed_scopes: ['read:profile', 'read:clusters', 'offline_access'],
  grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
};

describe('GET /v1/oauth-clients (listOauthClients)', () => {
  it("lists the organization's clients without their secrets", async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/oauth-clients', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body.data.map((client: { client_id: string }) => client.client_id).sort()).toEqual(['cli_desktop', 'cli_opsConsole', 'cli_reporting']);
    const reporting = response.body.data.find((client: { client_id: string }) => client.client_id === 'cli_reporting');
    expect(reporting).toMatchObject({ type: 'confidential', client_secret_last_four: 'XH_K', created_by: 'usr_ada', grant_types: ['client_credentials'] });
    expect(response.text).not.toContain(seeded.reporting.clientSecret);
    expect(response.body.next_cursor).toBeNull();
  });

  it('lists newly registered clients first and pages', async () => {
    const { call, tick } = await testSandbox();
    tick(1000);
    const registered = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: publicClient });
    const first = await call('GET', '/v1/oauth-clients?limit=1', { token: seeded.adaToken });
    expect(first.body.data.map((client: { client_id: string }) => client.client_id)).toEqual([registered.body.client_id]);
    const rest = await call('GET', `/v1/oauth-clients?limit=5&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(rest.body.data).toHaveLength(3);
    expect(rest.body.next_cursor).toBeNull();
  });

  it('answers 401 without a credential, 403 without read:oauth-clients, 400 for a bad cursor', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/oauth-clients')).status).toBe(401);
    const forbidden = await call('GET', '/v1/oauth-clients', { token: seeded.graceToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'read:oauth-clients' });
    expect((await call('GET', '/v1/oauth-clients?cursor=%24', { token: seeded.adaToken })).status).toBe(400);
  });

  it('answers 429 once the credential used up its window', async () => {
    const { call, sandbox } = await testSandbox();
    for (let i = 0; i < 1000; i++) sandbox.limiter.hit('tok_adaCli', 'business');
    expect((await call('GET', '/v1/oauth-clients', { token: seeded.adaToken })).status).toBe(429);
  });
});

describe('POST /v1/oauth-clients (registerOauthClient)', () => {
  it('registers a confidential client with a dscs_ secret shown once and stored hashed', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: confidential });
    expect(response.status).toBe(201);
    const secret: string = response.body.client_secret;
    expect(secret).toMatch(/^dscs_[A-Za-z0-9_-]{43}$/);
    expect(response.body).toMatchObject({
      client_id: expect.stringMatching(/^cli_[A-Za-z0-9]{16}$/),
      name: 'Quarterly board report',
      redirect_uris: confidential.redirect_uris,
      allowed_scopes: confidential.allowed_scopes,
      client_secret_last_four: secret.slice(-4),
      created_by: 'usr_ada',
    });
    const stored = sandbox.store.clients.get(response.body.client_id);
    expect(stored?.secretHash).toBe(await hashSecret(secret));
    expect(stored?.signingSecret).toBe(secret);
    const fetched = await call('GET', `/v1/oauth-clients/${response.body.client_id}`, { token: seeded.adaToken });
    expect(fetched.body.client_secret).toBeUndefined();
    expect(fetched.text).not.toContain(secret);
  });

  it('registers a public client with loopback redirect URIs and no secret', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: publicClient });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: 'public', client_secret: null, client_secret_last_four: null });
    expect(sandbox.store.clients.get(response.body.client_id)).toMatchObject({ secretHash: null, signingSecret: null });
  });

  it('refuses grant types that do not fit the client, changing nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const cases = [
      [
        { ...publicClient, grant_types: ['client_credentials'] },
        'grant_types',
        'client_credentials needs a confidential client: a public client cannot keep a secret.',
      ],
      [{ ...confidential, redirect_uris: [] }, 'redirect_uris', 'authorization_code needs at least one redirect URI in redirect_uris.'],
      [{ ...confidential, allowed_scopes: ['read:clusters'] }, 'allowed_scopes', 'refresh_token needs offline_access in allowed_scopes.'],
    ] as const;
    for (const [json, field, message] of cases) {
      const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json });
      expect(response.status, message).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_request', message, details: { field } });
    }
    expect(sandbox.store.clients.size).toBe(seed.clients.length);
  });

  it('refuses redirect URIs that are not https or loopback http, carry a fragment or credentials', async () => {
    const { call, sandbox } = await testSandbox();
    const cases = [
      ['http://example.com/cb', 'redirect_uris[0]'],
      ['https://app.acme.test/cb#frag', 'redirect_uris[0]'],
      ['/relative/cb', 'redirect_uris[0]'],
      ['http://localhost.evil.test/cb', 'redirect_uris[0]'],
    ] as const;
    for (const [uri, field] of cases) {
      const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: { ...confidential, redirect_uris: [uri] } });
      expect(response.status, uri).toBe(400);
      expect(response.body.details, uri).toEqual({ field });
    }
    const withCredentials = await call('POST', '/v1/oauth-clients', {
      token: seeded.adaToken,
      json: { ...confidential, redirect_uris: ['https://user:pw@app.acme.test/cb'] },
    });
    expect(withCredentials.status).toBe(400);
    expect(withCredentials.body.message).toBe('redirect_uris[0] must not contain credentials.');
    expect(withCredentials.text).not.toContain('pw@');
    expect(sandbox.store.clients.size).toBe(seed.clients.length);
  });

  it('refuses an unknown scope or grant type with 400 naming the field', async () => {
    const { call } = await testSandbox();
    const scope = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: { ...confidential, allowed_scopes: ['openid'] } });
    expect(scope.status).toBe(400);
    expect(scope.body.details).toEqual({ field: 'allowed_scopes[0]' });
    const grant = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: { ...confidential, grant_types: ['password'] } });
    expect(grant.status).toBe(400);
    expect(grant.body.details).toEqual({ field: 'grant_types[0]' });
  });

  it('refuses a client_credentials client with scopes the registering credential lacks (403)', async () => {
    const { call, sandbox } = await testSandbox();
    const key = await call('POST', '/v1/api-keys', {
      token: seeded.adaToken,
      json: { name: 'Client registrar', scopes: ['manage:oauth-clients', 'read:workspaces'], environment: 'test' },
    });
    const machine = { name: 'Cron', type: 'confidential', allowed_scopes: ['read:workspaces', 'read:clusters'], grant_types: ['client_credentials'] };
    const refused = await call('POST', '/v1/oauth-clients', { token: key.body.secret, json: machine });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: 'insufficient_scope',
      message: 'A client_credentials client can hold only scopes of the credential registering it, and this credential does not hold read:clusters.',
      details: { required_scope: 'read:clusters' },
    });
    expect(sandbox.store.clients.size).toBe(seed.clients.length);
    const allowed = await call('POST', '/v1/oauth-clients', { token: key.body.secret, json: { ...machine, allowed_scopes: ['read:workspaces'] } });
    expect(allowed.status).toBe(201);
    expect(allowed.body.created_by).toBe('usr_ada');
  });

  it('refuses a member a confidential client allowed an admin scope, whatever its grant types: it could act as itself with a client JWT', async () => {
    const { call, sandbox } = await testSandbox();
    const grace = (await plantAccessToken(sandbox, 'usr_grace', ['manage:oauth-clients'])).secret;
    const before = sandbox.store.clients.count(() => true);
    const refused = await call('POST', '/v1/oauth-clients', { token: grace, json: { ...confidential, allowed_scopes: ['read:clusters', 'manage:org', 'offline_access'] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', message: 'Your role is member: only organization admins may grant manage:org.' });
    expect(sandbox.store.clients.count(() => true)).toBe(before);
    // A public client acts only for the people who approve it, whose roles cap it.
    const app = await call('POST', '/v1/oauth-clients', { token: grace, json: { ...publicClient, allowed_scopes: ['read:profile', 'manage:org', 'offline_access'] } });
    expect(app.status).toBe(201);
  });

  it('refuses a new client once the organization holds the most the sandbox keeps', async () => {
    const { call, sandbox } = await testSandbox();
    const template = sandbox.store.clients.get('cli_desktop');
    if (!template) throw new Error('seed changed');
    for (let i = 2; i < storeCaps.clientsPerOrg; i++) sandbox.store.clients.put({ ...template, id: `cli_filler${i}` });
    const response = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: publicClient });
    expectCapReached(response, storeCaps.clientsPerOrg, 'The organization already has 50 OAuth clients, the most the sandbox keeps; delete one first.');
  });

  it('answers 403 without manage:oauth-clients, 413 and 415 for bad bodies', async () => {
    const { call } = await testSandbox();
    const forbidden = await call('POST', '/v1/oauth-clients', { token: seeded.graceToken, json: publicClient });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'manage:oauth-clients' });
    const large = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, json: { ...publicClient, name: 'x'.repeat(70_000) } });
    expect(large.status).toBe(413);
    const form = await call('POST', '/v1/oauth-clients', { token: seeded.adaToken, form: { name: 'x' } });
    expect(form.status).toBe(415);
  });
});

describe('GET /v1/oauth-clients/{clientId} (getOauthClient)', () => {
  it('returns a client of the organization', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/oauth-clients/cli_desktop', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ client_id: 'cli_desktop', type: 'public', client_secret_last_four: null });
  });

  it('answers 404 for an unknown client and a client of another organization alike', async () => {
    const { call } = await testSandbox();
    for (const id of ['cli_nothere', 'cli_loadtest']) {
      const response = await call('GET', `/v1/oauth-clients/${id}`, { token: seeded.adaToken });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found', message: `No OAuth client ${id} exists in your organization.` });
    }
  });
});

describe('DELETE /v1/oauth-clients/{clientId} (deleteOauthClient)', () => {
  it('deletes the client and revokes every token issued to it', async () => {
    const { call, sandbox } = await testSandbox();
    const now = sandbox.clock.now();
    const accessSecret = `dsa_${'a'.repeat(43)}`;
    sandbox.store.accessTokens.put({
      id: 'at_desktop1',
      orgId: 'org_acme',
      userId: 'usr_grace',
      clientId: 'cli_desktop',
      actsAs: 'user',
      familyId: 'fam_1',
      scopes: ['read:clusters'],
      secretHash: await hashSecret(accessSecret),
      prefix: 'dsa_aaaa',
      lastFour: 'aaaa',
      createdAt: now,
      expiresAt: now + 3_600_000,
      revokedAt: null,
      lastUsedAt: null,
    });
    sandbox.store.refreshTokens.put({
      id: 'rt_desktop1',
      secretHash: 'refresh-hash',
      familyId: 'fam_1',
      clientId: 'cli_desktop',
      orgId: 'org_acme',
      userId: 'usr_grace',
      scopes: ['read:clusters', 'offline_access'],
      createdAt: now,
      expiresAt: now + 86_400_000,
      usedAt: null,
      revokedAt: null,
    });
    expect((await call('GET', '/v1/clusters', { token: accessSecret })).status).toBe(200);

    const response = await call('DELETE', '/v1/oauth-clients/cli_desktop', { token: seeded.adaToken });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await call('GET', '/v1/oauth-clients/cli_desktop', { token: seeded.adaToken })).status).toBe(404);
    const refused = await call('GET', '/v1/clusters', { token: accessSecret });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('The credential was revoked.');
    expect(sandbox.store.refreshTokens.get('rt_desktop1')?.revokedAt).toBe(sandbox.clock.now());
  });

  it('answers 404 for a client of another organization and leaves it alone', async () => {
    const { call, sandbox } = await testSandbox();
    expect((await call('DELETE', '/v1/oauth-clients/cli_loadtest', { token: seeded.adaToken })).status).toBe(404);
    expect(sandbox.store.clients.get('cli_loadtest')).toBeDefined();
  });

  it('answers 403 without manage:oauth-clients and keeps the client', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('DELETE', '/v1/oauth-clients/cli_desktop', { token: seeded.graceToken });
    expect(response.status).toBe(403);
    expect(sandbox.store.clients.get('cli_desktop')).toBeDefined();
  });
});
