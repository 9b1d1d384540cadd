/**
 * Readers bring conventions from other products (source pages 002–004). DataStack makes one
 * choice for each, and the refusal a reader gets for trying the other convention names the
 * DataStack way, changing nothing.
 */
import { describe, expect, it } from 'vitest';

import { scopeNameHint } from '../core/conventions';
import { reportingBasic } from './support/oauth.fixtures';
import { seeded, testSandbox } from './support/client';
import { sandboxState } from './support/state';

describe('the other convention gets a refusal that names the DataStack way', () => {
  it('lifetime_days: -1 for a token that never expires → 400 saying to send null', async () => {
    const testbed = await testSandbox();
    const before = sandboxState(testbed.sandbox);
    const response = await testbed.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters'], lifetime_days: -1 } });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual({ field: 'lifetime_days' });
    expect(response.body.message).toContain('send lifetime_days: null');
    expect(sandboxState(testbed.sandbox)).toEqual(before);
  });

  it.each([
    ['write:clusters', 'DataStack has no write: scopes; manage:clusters covers creating, changing and deleting.'],
    ['delete:api-keys', 'DataStack has no delete: scopes; manage:api-keys covers creating, changing and deleting.'],
    ['admin:webhooks', 'DataStack has no admin: scopes; manage:webhooks covers creating, changing and deleting.'],
    ['clusters:read', 'DataStack writes the action first: read:clusters.'],
    ['clusters:write', 'DataStack writes the action first: manage:clusters.'],
    ['admin', 'DataStack scopes name an action and a resource, such as read:clusters or manage:clusters.'],
  ])('the scope %s, wherever a scope is named, points at the DataStack scope', async (scope, hint) => {
    expect(scopeNameHint(scope)).toBe(hint);
    const { call } = await testSandbox();
    const token = await call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: [scope] } });
    const key = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'x', environment: 'test', scopes: ['read:clusters', scope] } });
    const header = await call('GET', '/v1/clusters', { token: seeded.adaToken, headers: { 'x-datastack-scope': scope } });
    const oauth = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials', scope } });
    for (const response of [token, key, header]) {
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(hint);
    }
    expect(oauth.body).toMatchObject({ error: 'invalid_scope' });
    expect(oauth.body.error_description).toContain(hint);
  });

  it('knows no hint for a scope that is merely misspelled', () => {
    expect(scopeNameHint('read:cluster')).toBeUndefined();
    expect(scopeNameHint('write:everything')).toBeUndefined();
  });

  it('a JSON body at the token endpoint → 400 asking for form fields', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/oauth2/token', { basic: reportingBasic, json: { grant_type: 'client_credentials' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'The body must be application/x-www-form-urlencoded. Send the OAuth parameters as form fields, not JSON (RFC 6749).',
    });
  });

  it.each(['/auth/refresh', '/oauth/token', '/token/refresh/'])('refreshing at %s → 404 naming /oauth2/token', async (path) => {
    const { call } = await testSandbox();
    const response = await call('POST', path, { json: { refresh_token: 'dsr_x' } });
    expect(response.status).toBe(404);
    expect(response.body.message).toContain('POST /oauth2/token with grant_type=refresh_token');
  });

  it('an unknown path with no other product behind it gets the plain 404', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/nothing-here', { token: seeded.adaToken });
    expect(response.body.message).toBe('There is no such endpoint. The API reference lists every path.');
  });

  it('token creation limited to admins → 403 naming the setting that allows members', async () => {
    const { call, sandbox } = await testSandbox();
    const org = sandbox.store.orgs.get('org_acme');
    if (!org) throw new Error('seed changed');
    sandbox.store.orgs.put({ ...org, settings: { ...org.settings, members_can_create_tokens: false } });
    const response = await call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'x', scopes: ['read:clusters'] } });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('members_can_create_tokens in PATCH /v1/org/settings');
  });
});
