import { describe, expect, it } from 'vitest';

import { describeAuthorizationServer } from '../../core/oauth/metadata';
import { addressTier, planLimits } from '../../core/rate-limit';
import { storeCaps } from '../../core/store';
import { type CallOptions, seeded, testSandbox } from '../../test/support/client';
import { assertMatchesSpec } from '../../test/support/contract';
import { noStore, reportingBasic, tokenCounts } from '../../test/support/oauth.fixtures';

describe('GET /.well-known/oauth-authorization-server (getAuthorizationServerMetadata)', () => {
  it('lists exactly the endpoints, grants and methods that work, on the origin called', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/.well-known/oauth-authorization-server');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      issuer: 'https://sandbox.datastack.test',
      authorization_endpoint: 'https://sandbox.datastack.test/oauth2/authorize',
      token_endpoint: 'https://sandbox.datastack.test/oauth2/token',
      device_authorization_endpoint: 'https://sandbox.datastack.test/oauth2/device/code',
      revocation_endpoint: 'https://sandbox.datastack.test/oauth2/revoke',
      introspection_endpoint: 'https://sandbox.datastack.test/oauth2/introspect',
      scopes_supported: [
        'read:profile',
        'read:tokens',
        'manage:tokens',
        'read:api-keys',
        'manage:api-keys',
        'read:oauth-clients',
        'manage:oauth-clients',
        'read:org',
        'manage:org',
        'read:webhooks',
        'manage:webhooks',
        'read:clusters',
        'manage:clusters',
        'read:workspaces',
        'manage:workspaces',
        'read:users',
        'manage:users',
        'read:jobs',
        'manage:jobs',
        'read:notebooks',
        'manage:notebooks',
        'read:pipelines',
        'manage:pipelines',
        'read:sql',
        'manage:sql',
        'all-apis',
        'offline_access',
      ],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none'],
      token_endpoint_auth_signing_alg_values_supported: ['HS256'],
      code_challenge_methods_supported: ['S256'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('builds every URL on the origin the request reached (the Node mock)', async () => {
    const { app } = await testSandbox();
    const response = await app.request('http://127.0.0.1:4010/.well-known/oauth-authorization-server', {}, { clientAddress: '192.0.2.9' });
    const text = await response.text();
    assertMatchesSpec({ operationId: 'getAuthorizationServerMetadata', status: response.status, headers: response.headers, text });
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body.issuer).toBe('http://127.0.0.1:4010');
    expect(body.token_endpoint).toBe('http://127.0.0.1:4010/oauth2/token');
    expect(describeAuthorizationServer('http://127.0.0.1:4010')).toEqual(body);
  });
});

describe('POST /oauth2/token (exchangeCredentialsForAccessToken): client_credentials', () => {
  it('issues an access token to a client authenticated with Basic, acting as the client itself', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    expect(response.status).toBe(200);
    expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^dsa_[A-Za-z0-9_-]{43}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read:clusters read:workspaces read:webhooks',
    });
    const [stored] = sandbox.store.accessTokens.values();
    expect(stored).toMatchObject({ clientId: 'cli_reporting', actsAs: 'client', userId: 'usr_ada', orgId: 'org_acme', familyId: null });
    expect(JSON.stringify(sandbox.store.snapshot())).not.toContain(response.body.access_token);

    // The token works: it authenticates (403 for a scope it lacks, not 401), as the client, not as Ada.
    const me = await call('GET', '/v1/me', { token: response.body.access_token });
    expect(me.status).toBe(403);
    expect(me.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:profile' } });
  });

  it('accepts client_secret_post and narrows to the scopes asked for (manage covers read)', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', {
      form: { grant_type: 'client_credentials', client_id: seeded.reporting.clientId, client_secret: seeded.reporting.clientSecret, scope: 'read:clusters' },
    });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('read:clusters');
  });

  it('decodes form-urlencoded Basic credentials (RFC 6749 §2.3.1)', async () => {
    const { call } = await testSandbox();
    const encoded = btoa(`${encodeURIComponent(seeded.reporting.clientId)}:${encodeURIComponent(seeded.reporting.clientSecret).replace(/-/g, '%2D')}`);
    const response = await call('POST', '/oauth2/token', {
      headers: { Authorization: `Basic ${encoded}` },
      form: { grant_type: 'client_credentials' },
    });
    expect(response.status).toBe(200);
  });

  it('refuses scopes the client may not have, offline_access, unknown and malformed scopes with invalid_scope', async () => {
    const { call, sandbox } = await testSandbox();
    const cases: [string, string][] = [
      ['manage:org', 'manage:org is not among the scopes this client may request.'],
      ['read:clusters manage:clusters', 'manage:clusters is not among the scopes this client may request.'],
      ['offline_access', 'offline_access cannot be requested with client_credentials: this grant issues no refresh token.'],
      ['read:everything', 'read:everything is not a scope this server knows.'],
      ['read:clusters  read:workspaces', 'The scope parameter must be scope names separated by single spaces.'],
    ];
    for (const [scope, message] of cases) {
      const response = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials', scope } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'invalid_scope', error_description: message });
      expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    }
    expect(tokenCounts(sandbox)).toEqual([0, 0]);
  });

  it('refuses a public client with unauthorized_client', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', { form: { grant_type: 'client_credentials', client_id: seeded.desktop.clientId } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'unauthorized_client', error_description: 'cli_desktop is a public client and may not use client_credentials.' });
  });

  it('refuses a client the member who registered it no longer backs', async () => {
    const { call, sandbox } = await testSandbox();
    sandbox.store.users.update('usr_ada', { removedAt: sandbox.clock.now() });
    const response = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    expect(response.status).toBe(401);
    expect(response.body.error_description).toBe('cli_reporting was registered by a member who has left the organization; register the client again.');
    expect(tokenCounts(sandbox)).toEqual([0, 0]);
  });
});

describe('POST /oauth2/token: request and client checks', () => {
  it('answers a wrong secret, an unknown client and no authentication with 401 invalid_client and a Basic challenge', async () => {
    const { call, sandbox } = await testSandbox();
    const attempts: CallOptions[] = [
      { basic: { username: 'cli_reporting', password: 'dscs_wrong' }, form: { grant_type: 'client_credentials' } },
      { basic: { username: 'cli_nobody', password: seeded.reporting.clientSecret }, form: { grant_type: 'client_credentials' } },
      { form: { grant_type: 'client_credentials', client_id: 'cli_nobody', client_secret: 'x' } },
    ];
    for (const attempt of attempts) {
      const response = await call('POST', '/oauth2/token', attempt);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.' });
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="datastack-oauth"');
      expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    }
    const none = await call('POST', '/oauth2/token', { form: { grant_type: 'client_credentials' } });
    expect(none.status).toBe(401);
    expect(none.body.error_description).toBe(
      'Client authentication is required: send HTTP Basic credentials, client_id and client_secret, a client_assertion JWT, or (public clients) client_id.',
    );
    const bearer = await call('POST', '/oauth2/token', { token: seeded.adaToken, form: { grant_type: 'client_credentials' } });
    expect(bearer.status).toBe(401);
    expect(bearer.body.error_description).toBe('Only the Basic scheme authenticates a client here.');
    const assertion = await call('POST', '/oauth2/token', {
      form: { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'a.b.c' },
    });
    expect(assertion.status).toBe(401);
    expect(assertion.body.error_description).toBe('The JWT is malformed.');
    expect(tokenCounts(sandbox)).toEqual([0, 0]);
  });

  it('refuses a confidential client that sends only its client_id, and a public client that sends a secret', async () => {
    const { call } = await testSandbox();
    const confidential = await call('POST', '/oauth2/token', { form: { grant_type: 'client_credentials', client_id: 'cli_reporting' } });
    expect(confidential.status).toBe(401);
    expect(confidential.body.error_description).toBe('cli_reporting is a confidential client: authenticate with its client secret.');
    const publicWithSecret = await call('POST', '/oauth2/token', {
      form: { grant_type: 'refresh_token', refresh_token: 'dsr_x', client_id: 'cli_desktop', client_secret: 'guess' },
    });
    expect(publicWithSecret.status).toBe(401);
    expect(publicWithSecret.body.error_description).toBe('cli_desktop is a public client and has no secret: send client_id only.');
  });

  it('refuses two client authentication methods at once with invalid_request', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', {
      basic: reportingBasic,
      form: { grant_type: 'client_credentials', client_id: seeded.reporting.clientId, client_secret: seeded.reporting.clientSecret },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'Use exactly one client authentication method; this request used client_secret_basic and client_secret_post.',
    });
    const mismatch = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials', client_id: 'cli_loadtest' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error_description).toBe('The form client_id differs from the client in the Authorization header.');
  });

  it('checks in RFC 6749 order: invalid_request, invalid_client, unsupported_grant_type, unauthorized_client', async () => {
    const { call } = await testSandbox();
    const missing = await call('POST', '/oauth2/token', { form: { client_id: 'cli_nobody', client_secret: 'x' } });
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'The grant_type parameter is required.' });
    const unknownClient = await call('POST', '/oauth2/token', { form: { grant_type: 'password', client_id: 'cli_nobody', client_secret: 'x' } });
    expect(unknownClient.body.error).toBe('invalid_client');
    const unsupported = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'password' } });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toEqual({ error: 'unsupported_grant_type', error_description: 'grant_type password is not supported.' });
    const notRegistered = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'authorization_code', code: 'x' } });
    expect(notRegistered.body).toEqual({ error: 'unauthorized_client', error_description: 'cli_reporting is not registered for the authorization_code grant.' });
    const unregistered = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'refresh_token', refresh_token: 'dsr_x' } });
    expect(unregistered.status).toBe(400);
    expect(unregistered.body).toEqual({ error: 'unauthorized_client', error_description: 'cli_reporting is not registered for the refresh_token grant.' });
  });

  it('treats empty parameters as omitted (RFC 6749 §3.1)', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials', scope: '', client_secret: '' } });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('read:clusters read:workspaces read:webhooks');
  });

  it('refuses broken form encoding, repeated parameters and other media types with a clean 400 invalid_request', async () => {
    const { call, sandbox } = await testSandbox();
    const broken = await call('POST', '/oauth2/token', { body: '%%%&&=', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({
      error: 'invalid_request',
      error_description: 'The body is not valid application/x-www-form-urlencoded: a % must be followed by two hex digits.',
    });
    const repeated = await call('POST', '/oauth2/token', {
      basic: reportingBasic,
      body: 'grant_type=client_credentials&grant_type=client_credentials',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error).toBe('invalid_request');
    const json = await call('POST', '/oauth2/token', { basic: reportingBasic, json: { grant_type: 'client_credentials' } });
    expect(json.status).toBe(400);
    expect(json.body).toEqual({
      error: 'invalid_request',
      error_description: 'The body must be application/x-www-form-urlencoded. Send the OAuth parameters as form fields, not JSON (RFC 6749).',
    });
    const empty = await call('POST', '/oauth2/token', { basic: reportingBasic });
    expect(empty.status).toBe(400);
    expect(tokenCounts(sandbox)).toEqual([0, 0]);
  });

  it('limits requests that name no client per address: 429 temporarily_unavailable with Retry-After', async () => {
    const { call } = await testSandbox();
    for (let i = 0; i < 100; i++) await call('POST', '/oauth2/token', { clientAddress: '198.51.100.7', form: { grant_type: 'client_credentials' } });
    const response = await call('POST', '/oauth2/token', { clientAddress: '198.51.100.7', form: { grant_type: 'client_credentials' } });
    expect(response.status).toBe(429);
    expect(response.body.error).toBe('temporarily_unavailable');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    // A known client has its own window, at its organization's tier.
    const named = await call('POST', '/oauth2/token', { clientAddress: '198.51.100.7', basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    expect(named.status).toBe(200);
    expect(named.headers.get('ratelimit-limit')).toBe('1000');
  });

  it('counts malformed Basic credentials by address, even when they spell a client (issue 12: one strict parser)', async () => {
    const { call } = await testSandbox();
    const form = { grant_type: 'client_credentials' };
    // No colon, an empty secret: client authentication refuses both, so they name no client.
    for (const decoded of ['cli_reporting', 'cli_reporting:']) {
      const response = await call('POST', '/oauth2/token', { headers: { Authorization: `Basic ${btoa(decoded)}` }, form });
      expect(response.status).toBe(401);
      expect(response.body.error_description).toBe('The Basic credentials must be base64 of client_id:client_secret.');
      expect(response.headers.get('ratelimit-limit')).toBe(String(planLimits[addressTier]));
    }
    const wrongSecret = await call('POST', '/oauth2/token', { basic: { username: reportingBasic.username, password: 'wrong' }, form });
    expect(wrongSecret.headers.get('ratelimit-limit')).toBe('1000');
  });

  it('limits a client at its organization tier, wrong secrets included', async () => {
    const { call } = await testSandbox();
    const wrong = { username: reportingBasic.username, password: 'not-the-secret' };
    for (let i = 0; i < 1000; i++) await call('POST', '/oauth2/token', { basic: wrong, form: { grant_type: 'client_credentials' } });
    const response = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    expect(response.status).toBe(429);
    expect(response.body.error).toBe('temporarily_unavailable');
  });

  it('keeps a client acting as itself within its token cap by forgetting its oldest tokens', async () => {
    const { call, sandbox } = await testSandbox();
    const first = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    const [template] = sandbox.store.accessTokens.values();
    if (!template) throw new Error('no token stored');
    for (let i = 1; i < storeCaps.activeOAuthTokensPerClient; i++) {
      sandbox.store.accessTokens.put({ ...template, id: `oat_filler${i}`, secretHash: `filler-${i}`, createdAt: template.createdAt + i });
    }
    const next = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    expect(next.status).toBe(200);
    expect(sandbox.store.accessTokens.size).toBe(storeCaps.activeOAuthTokensPerClient);
    expect((await call('GET', '/v1/clusters', { token: first.body.access_token })).status).toBe(401);
    expect((await call('GET', '/v1/clusters', { token: next.body.access_token })).status).toBe(200);
  });

  it('sweeps expired tokens as it issues new ones', async () => {
    const { call, sandbox, tick } = await testSandbox();
    for (let i = 0; i < 3; i++) await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    tick(3600 * 1000);
    expect((await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } })).status).toBe(200);
    expect(sandbox.store.accessTokens.size).toBe(1);
  });
});
