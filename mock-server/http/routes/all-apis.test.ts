/**
 * Issue 11, defect 8: `all-apis`, the broad scope of source page 000, is for OAuth access tokens
 * only; it opens every resource API and `GET /v1/me`, never credential management or
 * organization administration.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { plantAccessToken } from '../../test/support/plant';
import { seeded, testSandbox, type TestSandbox } from '../../test/support/client';
import { authorizationUrl, consent, newAttempt, oauthTestbed } from '../../test/support/oauth-flows.support';

const opsBasic = { username: seeded.opsConsole.clientId, password: seeded.opsConsole.clientSecret };

async function opsToken(call: TestSandbox['call'], scope: string): Promise<string> {
  const response = await call('POST', '/oauth2/token', { basic: opsBasic, form: { grant_type: 'client_credentials', scope } });
  expect(response.status).toBe(200);
  expect(response.body.scope).toBe(scope);
  return response.body.access_token as string;
}

describe('all-apis on OAuth access tokens', () => {
  it('a client allowed all-apis gets it by client credentials, and it opens every resource API and GET /v1/me', async () => {
    const { call } = await testSandbox();
    const token = await opsToken(call, 'all-apis');
    expect((await call('GET', '/v1/me', { token })).body.scopes).toEqual(['all-apis']);
    for (const path of ['/v1/users', '/v1/workspaces', '/v1/clusters', '/v1/jobs', '/v1/notebooks', '/v1/pipelines', '/v1/sql/warehouses', '/v1/webhooks']) {
      expect((await call('GET', path, { token })).status, path).toBe(200);
    }
    const run = await call('POST', '/v1/jobs/job_weeklyReport/run-now', { token });
    expect(run.status).toBe(201);
    expect(run.body.triggered_by).toBe('usr_ada');
    expect((await call('POST', '/v1/sql/warehouses/sqlw_biDash/stop', { token, headers: { 'x-datastack-scope': 'all-apis' } })).status).toBe(200);
  });

  it('does not open personal access tokens, API keys, OAuth clients or organization administration', async () => {
    const { call } = await testSandbox();
    const token = await opsToken(call, 'all-apis');
    for (const [path, scope] of [
      ['/v1/tokens', 'read:tokens'],
      ['/v1/api-keys', 'read:api-keys'],
      ['/v1/oauth-clients', 'read:oauth-clients'],
      ['/v1/org/members', 'read:org'],
    ] as const) {
      const refused = await call('GET', path, { token });
      expect(refused.status, path).toBe(403);
      expect(refused.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: scope } });
    }
  });

  it('the fine-grained alternative: the same client, allowed only all-apis, may ask for read:jobs, which lists jobs and nothing more', async () => {
    const { call, sandbox } = await testSandbox();
    const token = await opsToken(call, 'read:jobs');
    expect((await call('GET', '/v1/jobs', { token })).status).toBe(200);
    const run = await call('POST', '/v1/jobs/job_weeklyReport/run-now', { token });
    expect(run.status).toBe(403);
    expect(run.body.details).toEqual({ required_scope: 'manage:jobs' });
    expect((await call('GET', '/v1/notebooks', { token })).body.details).toEqual({ required_scope: 'read:notebooks' });
    expect(sandbox.store.jobRuns.size).toBe(2);
  });

  it('a client not allowed all-apis cannot get it (invalid_scope)', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', {
      basic: { username: seeded.reporting.clientId, password: seeded.reporting.clientSecret },
      form: { grant_type: 'client_credentials', scope: 'all-apis' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_scope');
  });

  it("a user's all-apis token is still capped by their role: a viewer reads, but may not change anything", async () => {
    const { call, sandbox } = await testSandbox();
    const member = await plantAccessToken(sandbox, 'usr_grace', ['all-apis']);
    expect((await call('POST', '/v1/pipelines/pl_billing/start', { token: member.secret })).status).toBe(200);
    const viewer = await plantAccessToken(sandbox, 'usr_alan', ['all-apis']);
    expect((await call('GET', '/v1/pipelines', { token: viewer.secret })).status).toBe(200);
    const refused = await call('POST', '/v1/pipelines/pl_billing/stop', { token: viewer.secret });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', message: 'Your role is viewer: viewers have read-only access and may not use manage:pipelines.' });
  });
});

describe('all-apis is refused on personal access tokens and API keys', () => {
  const message =
    'scopes names all-apis, which only OAuth access tokens may carry; list the fine-grained scopes this credential needs instead, such as read:clusters or manage:jobs.';

  it('a personal access token asking for all-apis gets 400 naming scopes, and nothing is created', async () => {
    const { call, sandbox } = await testSandbox();
    const before = sandbox.store.pats.size;
    const response = await call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'Everything', lifetime_days: 1, scopes: ['all-apis'] } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', message, details: { field: 'scopes' } });
    expect(sandbox.store.pats.size).toBe(before);
  });

  it('an API key asking for all-apis gets 400 naming scopes, and nothing is created', async () => {
    const { call, sandbox } = await testSandbox();
    const before = sandbox.store.apiKeys.size;
    const response = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'Everything', scopes: ['all-apis'], environment: 'test' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', message, details: { field: 'scopes' } });
    expect(sandbox.store.apiKeys.size).toBe(before);
  });

  it('an authorization-code client may be registered to ask for all-apis', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/oauth-clients', {
      token: seeded.adaToken,
      json: { name: 'Ops portal', type: 'public', redirect_uris: ['http://127.0.0.1:9000/cb'], allowed_scopes: ['all-apis'], grant_types: ['authorization_code'] },
    });
    expect(response.status).toBe(201);
    expect(response.body.allowed_scopes).toEqual(['all-apis']);
  });
});

describe('all-apis through the authorization code flow', () => {
  it('a person approves all-apis for an app allowed it; the token acts as them across the resource APIs', async () => {
    const testbed = await oauthTestbed();
    const { as, options, call } = testbed;
    const registered = await call('POST', '/v1/oauth-clients', {
      token: seeded.adaToken,
      json: { name: 'Ops portal', type: 'public', redirect_uris: ['http://127.0.0.1:9000/cb'], allowed_scopes: ['all-apis'], grant_types: ['authorization_code'] },
    });
    const portal: oauth.Client = { client_id: registered.body.client_id };
    const attempt = await newAttempt(portal.client_id, 'http://127.0.0.1:9000/cb', 'all-apis');
    const { page, location } = await consent(testbed, authorizationUrl(as, attempt), { ...seeded.grace, decision: 'approve' });
    expect(page.text).toContain('all-apis');
    const callback = oauth.validateAuthResponse(as, portal, location as URL, attempt.state);
    const response = await oauth.authorizationCodeGrantRequest(as, portal, oauth.None(), callback, attempt.redirectUri, attempt.verifier, options);
    const tokens = await oauth.processAuthorizationCodeResponse(as, portal, response);
    expect(tokens.scope).toBe('all-apis');

    const notebook = await call('POST', '/v1/notebooks', { token: tokens.access_token, json: { path: '/Users/grace/scratch', language: 'sql', content: 'SELECT 1;' } });
    expect(notebook.status).toBe(201);
    expect(notebook.body.created_by).toBe('usr_grace');
    expect((await call('GET', '/v1/tokens', { token: tokens.access_token })).body.details).toEqual({ required_scope: 'read:tokens' });
  });
});
