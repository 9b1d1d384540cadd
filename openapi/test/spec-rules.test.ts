/**
 * House rules of the spec that the linters cannot express. The mock, the console and the guides
 * rely on each of them.
 */
import { readFileSync } from 'node:fs';

import kebabCase from 'lodash/kebabCase.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { defaultLifetimeDays, maxLifetimeDays } from '../../mock-server/core/credentials/personal-access-tokens';
import { storeCaps } from '../../mock-server/core/store';
import { resolveRef } from '../lib/spec';
import { loadBundledSpec, type SchemaObject, type SpecResponse, specOperations } from './bundle';

const spec = loadBundledSpec();
const operations = specOperations(spec);
const managementOperations = operations.filter((operation) => operation.path.startsWith('/v1/'));
const oauthScopes = Object.keys(spec.components.securitySchemes.oauth2?.flows?.authorizationCode?.scopes ?? {});

const oauthFlows = spec.components.securitySchemes.oauth2?.flows ?? {};

/** The standard response headers, listed once in redocly.yaml for the preprocessor that adds them. */
const standardHeaders = (
  parse(readFileSync('redocly.yaml', 'utf8')) as { preprocessors: Record<string, { headers: string[] }> }
).preprocessors['datastack-headers/standard-response-headers']?.headers ?? [];

const scopesOf = (operation: (typeof operations)[number]): Set<string> =>
  new Set((operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()));

describe('the spec', () => {
  it('has the whole management API under /v1', () => {
    expect(managementOperations.length).toBeGreaterThanOrEqual(29);
  });

  // Giving up your own credential needs no scope (RFC 7009's spirit); nothing else is scope-free.
  const scopeFree = new Set(['revokeCurrentCredential']);

  it('lets exactly one operation be called with no scope, self-revocation, and it still takes a bearer credential', () => {
    const withoutScope = managementOperations.filter((operation) => scopesOf(operation).size === 0);
    expect(withoutScope.map((operation) => operation.operationId)).toEqual([...scopeFree]);
    for (const operation of withoutScope) {
      expect(operation.security).toEqual([{ bearerAuth: [] }, { oauth2: [] }]);
      expect(operation.description).toContain('**Scope:** none');
    }
  });

  it.each(managementOperations.filter((operation) => !scopeFree.has(operation.operationId)).map((operation) => [operation.operationId, operation] as const))(
    '%s needs exactly one scope, the same in every security requirement, and defined by the oauth2 scheme',
    (_id, operation) => {
      const scopes = [...scopesOf(operation)];
      expect(scopes).toHaveLength(1);
      expect(oauthScopes).toContain(scopes[0]);
      for (const requirement of operation.security ?? []) {
        for (const [scheme, listed] of Object.entries(requirement)) {
          if (scheme !== 'passwordBasic') expect(listed, `${scheme} of ${operation.operationId}`).toEqual(scopes);
        }
      }
    },
  );

  it.each(managementOperations.map((operation) => [operation.operationId, operation] as const))(
    '%s accepts x-datastack-scope and declares 400, 401, 403 and 429',
    (_id, operation) => {
      expect(operation.parameters?.map((parameter) => parameter.name)).toContain('x-datastack-scope');
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    },
  );

  it('lets OAuth clients be allowed exactly the permission scopes and offline_access', () => {
    const { schemas } = spec.components as unknown as { schemas: Record<string, { enum?: string[] }> };
    expect(schemas.ClientScope?.enum).toEqual([...(schemas.Scope?.enum ?? []), 'offline_access']);
    expect([...(schemas.Scope?.enum ?? []), 'offline_access'].sort()).toEqual([...oauthScopes].sort());
  });

  // The sandbox's grant table is typed from GrantType; the token endpoint's body must offer the same grants.
  it('gives the token endpoint one request shape per GrantType, each selected by its own grant_type', () => {
    const { schemas } = spec.components as unknown as {
      schemas: Record<string, { enum?: string[]; oneOf?: { $ref: string }[]; discriminator?: { mapping: Record<string, string> } } & SchemaObject>;
    };
    const tokenRequest = schemas.TokenRequest;
    const mapping = tokenRequest?.discriminator?.mapping ?? {};
    expect(Object.keys(mapping)).toEqual(schemas.GrantType?.enum);
    expect(tokenRequest?.oneOf?.map((shape) => shape.$ref)).toEqual(Object.values(mapping));
    for (const [grantType, $ref] of Object.entries(mapping)) {
      expect(resolveRef<SchemaObject>(spec, { $ref }).properties?.grant_type?.const, $ref).toBe(grantType);
    }
  });

  it('gives every manage scope its read scope, so that manage can imply read', () => {
    for (const scope of oauthScopes.filter((name) => name.startsWith('manage:'))) {
      expect(oauthScopes).toContain(scope.replace('manage:', 'read:'));
    }
  });

  it('names operations so that every reference page gets its own readable slug', () => {
    const slugs = operations.map((operation) => kebabCase(operation.operationId));
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).not.toMatch(/(^|-)[a-z](-|$)/);
    expect(slugs).toEqual(expect.arrayContaining(['create-api-key', 'exchange-credentials-for-access-token']));
  });

  // The reference pages state the sandbox's caps; the mock enforces them. One number, said twice.
  it.each([
    ['createApiKey', `at most ${storeCaps.apiKeysPerOrg} API keys per organization`],
    ['createPersonalAccessToken', `at most ${storeCaps.patsPerUser} active tokens per user`],
    ['registerOauthClient', `at most ${storeCaps.clientsPerOrg} OAuth clients per organization`],
    ['createWebhook', `at most ${storeCaps.webhooksPerOrg} webhooks per organization`],
    ['createCluster', `at most ${storeCaps.clustersPerOrg} clusters per organization`],
    ['importNotebook', `at most ${storeCaps.notebooksPerOrg} notebooks per organization`],
    ['runJobNow', `the ${storeCaps.runsPerJob} most recent runs of each job`],
    ['listPipelineEvents', `the ${storeCaps.eventsPerPipeline} most recent events of each pipeline`],
    ['addOrgMember', `at most ${storeCaps.membersPerOrg} members per organization`],
  ])('%s states the cap the sandbox enforces', (operationId, cap) => {
    const description = operations.find((operation) => operation.operationId === operationId)?.description ?? '';
    expect(description.replace(/\s+/g, ' ')).toContain(`The sandbox keeps ${cap}`);
  });

  // The default lifetime depends on the organization, so no fixed JSON Schema `default` can state
  // it: a generated client filling one in would be refused where the organization's maximum is shorter.
  it('states the default token lifetime the sandbox applies, and no fixed default', () => {
    const lifetime = spec.components.schemas.CreatePersonalAccessTokenRequest?.properties?.lifetime_days;
    expect(lifetime).not.toHaveProperty('default');
    expect(lifetime?.maximum).toBe(maxLifetimeDays);
    expect(lifetime?.description).toContain(`Left out, the token lasts ${defaultLifetimeDays} days, or the org's \`max_token_lifetime_days\` when that is shorter`);
  });

  // The scopes are written once (openapi.yaml's authorization code flow); YAML anchors give them to the
  // other flows and a decorator writes the info table from them. These rules catch a copy written by hand.
  it('offers every scope in each OAuth flow, and all but offline_access to client credentials (which get no refresh token)', () => {
    expect(Object.keys(oauthFlows)).toEqual(['authorizationCode', 'clientCredentials', 'x-deviceAuthorization']);
    const { offline_access: offlineAccess, ...accessScopes } = oauthFlows.authorizationCode?.scopes ?? {};
    expect(offlineAccess).toBeDefined();
    expect(Object.entries(oauthFlows['x-deviceAuthorization']?.scopes ?? {})).toEqual(Object.entries(oauthFlows.authorizationCode?.scopes ?? {}));
    expect(Object.entries(oauthFlows.clientCredentials?.scopes ?? {})).toEqual(Object.entries(accessScopes));
  });

  it('tabulates in info.description exactly the OAuth scopes, with the same words, in the same order', () => {
    const rows = [...spec.info.description.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map(([, name, allows]) => [name, allows]);
    expect(rows).toEqual(Object.entries(oauthFlows.authorizationCode?.scopes ?? {}));
  });

  const pathResponses = operations.flatMap((operation) =>
    Object.entries(operation.responses).map(([status, response]) => [`${operation.operationId} ${status}`, response as SpecResponse] as const),
  );

  it('lists the standard response headers once, each a header component', () => {
    expect(standardHeaders).toEqual(['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Access-Control-Allow-Origin']);
    for (const name of standardHeaders) expect(spec.components.headers, name).toHaveProperty([name]);
  });

  it.each(pathResponses)('%s starts its headers with exactly the standard headers, each the shared component', (_name, response) => {
    const headers = resolveRef(spec, response).headers ?? {};
    expect(Object.entries(headers).slice(0, standardHeaders.length)).toEqual(
      standardHeaders.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
    );
  });
});
