/**
 * Every error example in the spec is an answer the sandbox really gives. Each example, known by
 * the component it is (or, inline, by operation, status and name), has a reproduction here that
 * brings the refusal about on a fresh sandbox; the answer must carry exactly the example's code,
 * message and details, under a status the example is documented for. An example without a
 * reproduction fails, and so does a reproduction whose example is gone.
 */
import { describe, expect, it } from 'vitest';

import type { Org } from '../core/model';
import { storeCaps } from '../core/store';
import { resolveRef } from '../../openapi/lib/spec';
import { loadBundledSpec } from '../../openapi/test/bundle';
import { desktopFamily, reportingBasic } from './support/oauth.fixtures';
import { authorizationUrl, consent, newAttempt, type OAuthTestbed, oauthTestbed } from './support/oauth-flows.support';
import { type ApiResponse, seeded } from './support/client';

interface ErrorExample {
  key: string;
  statuses: Set<number>;
  value: { error: string; message?: string; error_description?: string; details?: Record<string, unknown> };
}

const refName = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && '$ref' in value ? String(value.$ref).split('/').pop() : undefined;

/** The spec's error examples, one entry per example component or inline example. */
function errorExamples(): ErrorExample[] {
  const spec = loadBundledSpec();
  const found = new Map<string, ErrorExample>();
  for (const item of Object.values(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || !operation || !('responses' in operation)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = resolveRef(spec, response as { content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> });
        for (const media of Object.values(resolved.content ?? {})) {
          const named = { ...media.examples, ...('example' in media ? { example: { value: media.example } } : {}) };
          for (const [name, example] of Object.entries(named)) {
            const { value } = resolveRef(spec, example as { value?: unknown });
            if (typeof value !== 'object' || value === null || !('error' in value)) continue;
            const key = refName(example) ?? (refName(response) ? `${refName(response)}#${name}` : `${operation.operationId} ${status} ${name}`);
            const entry = found.get(key) ?? { key, statuses: new Set<number>(), value: value as ErrorExample['value'] };
            entry.statuses.add(Number(status));
            found.set(key, entry);
          }
        }
      }
    }
  }
  return [...found.values()];
}

type Reproduction = (testbed: OAuthTestbed) => Promise<ApiResponse>;

const form = (testbed: OAuthTestbed, path: string, fields: Record<string, string>, basic = reportingBasic) =>
  testbed.call('POST', path, { basic, form: fields });

function changeSettings(testbed: OAuthTestbed, change: Partial<Org['settings']>): void {
  const org = testbed.sandbox.store.orgs.get('org_acme');
  if (!org) throw new Error('seed changed');
  testbed.sandbox.store.orgs.put({ ...org, settings: { ...org.settings, ...change } });
}

/** Fills the window of `credentialId`, then moves 43 s into it, so the refusal says 17 seconds. */
function exhaust(testbed: OAuthTestbed, credentialId: string, tier: 'business' | 'starter', limit: number): void {
  for (let i = 0; i < limit; i++) testbed.sandbox.limiter.hit(credentialId, tier);
  testbed.tick(43_000);
}

async function startDevice(testbed: OAuthTestbed): Promise<{ deviceCode: string; userCode: string }> {
  const started = await testbed.call('POST', '/oauth2/device/code', { form: { client_id: 'cli_desktop', scope: 'read:clusters' } });
  return { deviceCode: started.body.device_code as string, userCode: started.body.user_code as string };
}

const pollDevice = (testbed: OAuthTestbed, deviceCode: string) =>
  testbed.call('POST', '/oauth2/token', {
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: 'cli_desktop' },
  });

const reproductions: Record<string, Reproduction> = {
  // Management API (/v1)
  ErrorMissingCredential: (t) => t.call('GET', '/v1/clusters'),
  ErrorInvalidToken: async (t) => {
    await t.call('DELETE', '/v1/tokens/tok_adaCli', { token: seeded.adaToken });
    return t.call('GET', '/v1/clusters', { token: seeded.adaToken });
  },
  ErrorInsufficientScope: (t) =>
    t.call('POST', '/v1/clusters', { token: seeded.graceToken, json: { name: 'x', node_type: 'ds.standard.4', num_workers: 1, workspace_id: 'ws_analytics' } }),
  ErrorUnknownScopeHeader: (t) => t.call('GET', '/v1/clusters', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'read:everything' } }),
  ErrorInvalidField: (t) => t.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters', 'read:everything'] } }),
  ErrorWrongTypeLifetime: (t) => t.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters'], lifetime_days: '30' } }),
  ErrorWrongTypeRestricted: (t) =>
    t.call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'x', environment: 'test', scopes: ['read:clusters'], restricted: 'true' } }),
  ErrorAdminRequired: (t) => {
    // Ada's token still holds manage:org after she is made a member: her role now stops it.
    const ada = t.sandbox.store.users.get('usr_ada');
    if (ada) t.sandbox.store.users.put({ ...ada, role: 'member' });
    return t.call('GET', '/v1/org/members', { token: seeded.adaToken });
  },
  ErrorLifetimeTooLong: (t) => {
    changeSettings(t, { max_token_lifetime_days: 180 });
    return t.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters'], lifetime_days: 365 } });
  },
  ErrorNonExpiringNotAllowed: (t) => t.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters'], lifetime_days: null } }),
  ErrorTokenCreationDisabled: (t) => {
    changeSettings(t, { members_can_create_tokens: false });
    return t.call('POST', '/v1/tokens', { basic: seeded.grace, json: { label: 'x', scopes: ['read:clusters'] } });
  },
  ErrorTokenRevoked: async (t) => {
    const other = await t.call('POST', '/v1/tokens', { basic: seeded.ada, json: { label: 'revoker', scopes: ['manage:tokens'] } });
    await t.call('DELETE', '/v1/tokens/tok_adaCli', { token: other.body.token });
    return t.call('DELETE', '/v1/tokens/tok_adaCli', { token: other.body.token });
  },
  ErrorKeyRevoked: async (t) => {
    await t.call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
    return t.call('DELETE', '/v1/api-keys/key_dashboard', { token: seeded.adaToken });
  },
  ErrorLiveModeUnavailable: (t) => t.call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'x', environment: 'live', scopes: ['read:clusters'] } }),
  ErrorCapReachedTokens: async (t) => {
    const template = t.sandbox.store.pats.get('tok_adaCli');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.pats.count((token) => token.userId === 'usr_ada'); i < storeCaps.patsPerUser; i++) {
      t.sandbox.store.pats.put({ ...template, id: `tok_filler${i}`, secretHash: `filler${i}` });
    }
    return t.call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'x', scopes: ['read:clusters'] } });
  },
  ErrorCapReachedApiKeys: async (t) => {
    const template = t.sandbox.store.apiKeys.get('key_ingest');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.apiKeys.count((key) => key.orgId === 'org_acme'); i < storeCaps.apiKeysPerOrg; i++) {
      t.sandbox.store.apiKeys.put({ ...template, id: `key_filler${i}`, secretHash: `filler${i}` });
    }
    return t.call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'x', environment: 'test', scopes: ['read:clusters'] } });
  },
  ErrorCapReachedOAuthClients: async (t) => {
    const template = t.sandbox.store.clients.get('cli_desktop');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.clients.count((client) => client.orgId === 'org_acme'); i < storeCaps.clientsPerOrg; i++) {
      t.sandbox.store.clients.put({ ...template, id: `cli_filler${i}` });
    }
    return t.call('POST', '/v1/oauth-clients', {
      token: seeded.adaToken,
      json: { name: 'x', type: 'public', redirect_uris: ['http://127.0.0.1/callback'], allowed_scopes: ['read:clusters'], grant_types: ['authorization_code'] },
    });
  },
  ErrorCapReachedWebhooks: async (t) => {
    const template = t.sandbox.store.webhooks.get('wh_auditFeed');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.webhooks.count((webhook) => webhook.orgId === 'org_acme'); i < storeCaps.webhooksPerOrg; i++) {
      t.sandbox.store.webhooks.put({ ...template, id: `wh_filler${i}` });
    }
    return t.call('POST', '/v1/webhooks', { token: seeded.adaToken, json: { url: 'https://siem.acme.test/in', events: ['token.revoked'] } });
  },
  ErrorCapReachedClusters: async (t) => {
    const template = t.sandbox.store.clusters.get('cl_etlNightly');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.clusters.count((cluster) => cluster.orgId === 'org_acme'); i < storeCaps.clustersPerOrg; i++) {
      t.sandbox.store.clusters.put({ ...template, id: `cl_filler${i}` });
    }
    return t.call('POST', '/v1/clusters', { token: seeded.adaToken, json: { name: 'forecast', node_type: 'ds.standard.4', num_workers: 2, workspace_id: 'ws_analytics' } });
  },
  'resizeCluster 409 clusterTerminated': (t) => t.call('POST', '/v1/clusters/cl_adhocSql/resize', { token: seeded.platformKey, json: { num_workers: 8 } }),
  'terminateCluster 409 alreadyTerminated': (t) => t.call('POST', '/v1/clusters/cl_adhocSql/terminate', { token: seeded.platformKey }),
  'runJobNow 409 runInProgress': async (t) => {
    await t.call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey });
    return t.call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey });
  },
  'importNotebook 409 pathTaken': (t) =>
    t.call('POST', '/v1/notebooks', {
      token: seeded.platformKey,
      json: { workspace_id: 'ws_analytics', path: '/Shared/etl/daily-load', language: 'python', content: 'print("again")' },
    }),
  'startPipeline 409 alreadyRunning': (t) => t.call('POST', '/v1/pipelines/pl_clickstream/start', { token: seeded.platformKey }),
  'stopPipeline 409 notRunning': (t) => t.call('POST', '/v1/pipelines/pl_billing/stop', { token: seeded.platformKey }),
  'startSqlWarehouse 409 alreadyRunning': (t) => t.call('POST', '/v1/sql/warehouses/sqlw_biDash/start', { token: seeded.platformKey }),
  'stopSqlWarehouse 409 alreadyStopped': (t) => t.call('POST', '/v1/sql/warehouses/sqlw_adhoc/stop', { token: seeded.platformKey }),
  'addOrgMember 409 emailTaken': (t) =>
    t.call('POST', '/v1/org/members', { token: seeded.adaToken, json: { email: 'grace@acme.test', name: 'Grace Again', role: 'member' } }),
  ErrorCapReachedMembers: async (t) => {
    const template = t.sandbox.store.users.get('usr_grace');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.users.count((user) => user.orgId === 'org_acme' && user.removedAt === null); i < storeCaps.membersPerOrg; i++) {
      t.sandbox.store.users.put({ ...template, id: `usr_filler${i}`, email: `filler${i}@acme.test` });
    }
    return t.call('POST', '/v1/org/members', { token: seeded.adaToken, json: { email: 'one.more@acme.test', name: 'One More', role: 'member' } });
  },
  'updateOrgMember 409 example': (t) => t.call('PATCH', '/v1/org/members/usr_ada', { token: seeded.adaToken, json: { role: 'member' } }),
  'removeOrgMember 409 example': (t) => t.call('DELETE', '/v1/org/members/usr_ada', { token: seeded.adaToken }),
  ErrorCapReachedNotebooks: async (t) => {
    const template = t.sandbox.store.notebooks.values().find((notebook) => notebook.orgId === 'org_acme');
    if (!template) throw new Error('seed changed');
    for (let i = t.sandbox.store.notebooks.count((notebook) => notebook.orgId === 'org_acme'); i < storeCaps.notebooksPerOrg; i++) {
      t.sandbox.store.notebooks.put({ ...template, id: `nb_filler${i}`, path: `/Shared/filler/${i}` });
    }
    return t.call('POST', '/v1/notebooks', {
      token: seeded.platformKey,
      json: { workspace_id: 'ws_analytics', path: '/Shared/one-more', language: 'python', content: 'print(1)' },
    });
  },
  'NotFound#notFound': (t) => t.call('GET', '/v1/api-keys/key_nope', { token: seeded.adaToken }),
  'PayloadTooLarge#tooLarge': (t) => t.call('POST', '/v1/webhooks', { token: seeded.adaToken, json: { url: `https://x.test/${'a'.repeat(70_000)}`, events: ['token.revoked'] } }),
  'UnsupportedMediaType#wrongType': (t) => t.call('POST', '/v1/webhooks', { token: seeded.adaToken, form: { url: 'https://x.test/' } }),
  'TooManyRequests#rateLimited': (t) => {
    exhaust(t, 'tok_adaCli', 'business', 1_000);
    return t.call('GET', '/v1/clusters', { token: seeded.adaToken });
  },
  'InternalServerError#internalError': (t) => {
    t.sandbox.store.clusters.filter = () => {
      throw new Error('the disk is on fire');
    };
    return t.call('GET', '/v1/clusters', { token: seeded.adaToken });
  },

  // Authorization server (/oauth2)
  'OAuthInvalidClient#invalidClient': (t) => form(t, '/oauth2/token', { grant_type: 'client_credentials' }, { ...reportingBasic, password: 'dscs_wrong' }),
  OAuthErrorInvalidRequest: (t) => form(t, '/oauth2/introspect', { token_type_hint: 'access_token' }),
  OAuthErrorInvalidScope: (t) => form(t, '/oauth2/token', { grant_type: 'client_credentials', scope: 'manage:org' }),
  OAuthErrorUnsupportedGrant: (t) => form(t, '/oauth2/token', { grant_type: 'password', username: 'ada@acme.test', password: 'x' }),
  OAuthErrorUnauthorizedClient: (t) => t.call('POST', '/oauth2/token', { form: { grant_type: 'client_credentials', client_id: 'cli_desktop' } }),
  'requestDeviceAuthorization 400 unauthorizedClient': (t) => form(t, '/oauth2/device/code', { scope: 'read:clusters' }),
  OAuthErrorInvalidGrant: (t) =>
    t.call('POST', '/oauth2/token', {
      form: { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: 'http://127.0.0.1/callback', code_verifier: 'v'.repeat(43), client_id: 'cli_desktop' },
    }),
  OAuthErrorPkceMismatch: async (t) => {
    const attempt = await newAttempt('cli_desktop', 'http://127.0.0.1:8765/callback', 'read:clusters');
    const { location } = await consent(t, authorizationUrl(t.as, attempt), { ...seeded.ada, decision: 'approve' });
    return t.call('POST', '/oauth2/token', {
      form: {
        grant_type: 'authorization_code',
        code: location?.searchParams.get('code') ?? '',
        redirect_uri: attempt.redirectUri,
        code_verifier: 'w'.repeat(43),
        client_id: attempt.clientId,
      },
    });
  },
  OAuthErrorRefreshReused: async (t) => {
    const family = await desktopFamily(t.sandbox);
    const refresh = { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop' };
    await t.call('POST', '/oauth2/token', { form: refresh });
    return t.call('POST', '/oauth2/token', { form: refresh });
  },
  OAuthErrorAuthorizationPending: async (t) => pollDevice(t, (await startDevice(t)).deviceCode),
  OAuthErrorSlowDown: async (t) => {
    const { deviceCode } = await startDevice(t);
    await pollDevice(t, deviceCode);
    return pollDevice(t, deviceCode);
  },
  OAuthErrorAccessDenied: async (t) => {
    const { deviceCode, userCode } = await startDevice(t);
    await t.call('POST', '/device', { form: { user_code: userCode, ...seeded.ada, org_id: 'org_acme', decision: 'deny' } });
    return pollDevice(t, deviceCode);
  },
  OAuthErrorExpiredToken: async (t) => {
    const { deviceCode } = await startDevice(t);
    t.tick(30 * 60_000);
    return pollDevice(t, deviceCode);
  },
  'revokeToken 400 unsupportedTokenType': (t) => form(t, '/oauth2/revoke', { token: seeded.adaToken, token_type_hint: 'access_token' }),
  'OAuthTooManyRequests#rateLimited': (t) => {
    exhaust(t, 'client:cli_reporting', 'business', 1_000);
    return form(t, '/oauth2/token', { grant_type: 'client_credentials' });
  },
  'OAuthServerError#serverError': (t) => {
    t.sandbox.store.accessTokens.put = () => {
      throw new Error('the disk is on fire');
    };
    return form(t, '/oauth2/token', { grant_type: 'client_credentials' });
  },
};

/** The challenge headers' examples, each with a refusal that sends that challenge. */
const challengeReproductions: Record<string, Reproduction> = {
  'WWW-Authenticate-Bearer': (t) => {
    t.tick(400 * 24 * 60 * 60_000);
    return t.call('GET', '/v1/clusters', { token: seeded.graceToken });
  },
  'WWW-Authenticate-Scope': (t) => reproductions.ErrorInsufficientScope?.(t) ?? Promise.reject(new Error('missing')),
  'WWW-Authenticate-Basic': (t) => form(t, '/oauth2/token', { grant_type: 'client_credentials' }, { ...reportingBasic, password: 'dscs_wrong' }),
};

function challengeExamples(): [string, string][] {
  const { components } = loadBundledSpec() as unknown as { components: { headers: Record<string, { example?: string }> } };
  return Object.entries(components.headers)
    .filter(([name]) => name.startsWith('WWW-Authenticate'))
    .map(([name, header]) => [name, header.example ?? '']);
}

describe('the spec’s WWW-Authenticate examples are challenges the sandbox sends', () => {
  const examples = challengeExamples();

  it('has a reproduction for every challenge header', () => {
    expect(Object.keys(challengeReproductions).sort()).toEqual(examples.map(([name]) => name).sort());
  });

  it.each(examples)('%s: %s', async (name, example) => {
    const response = await challengeReproductions[name]?.(await oauthTestbed());
    expect(response?.headers.get('www-authenticate')).toBe(example);
  });
});

describe('the spec’s error examples are answers the sandbox gives', () => {
  const examples = errorExamples();

  it('has a reproduction for every error example, and none for an example that is gone', () => {
    expect(Object.keys(reproductions).sort()).toEqual(examples.map((example) => example.key).sort());
  });

  it.each(examples.map((example) => [example.key, example] as const))('%s', async (key, example) => {
    const reproduce = reproductions[key];
    if (!reproduce) throw new Error(`no reproduction for ${key}`);
    const response = await reproduce(await oauthTestbed());
    expect([...example.statuses], response.text).toContain(response.status);
    const { error, message, error_description, details } = example.value;
    expect(response.body).toMatchObject({
      error,
      ...(message === undefined ? {} : { message }),
      ...(error_description === undefined ? {} : { error_description }),
      ...(details === undefined ? {} : { details }),
    });
  });
});
