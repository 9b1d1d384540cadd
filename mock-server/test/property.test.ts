/**
 * Random requests at every operation of the spec. Whatever arrives, the sandbox answers with a
 * status and body the spec declares, never a 5xx, and a refused request leaves the store as it
 * was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { operations } from '../generated/catalogue';
import { seeded, testSandbox } from './support/client';
import { sandboxState } from './support/state';

const pathSegment = fc.oneof(
  fc.constantFrom('key_ingest', 'tok_adaCli', 'usr_grace', 'cli_reporting', 'wh_auditFeed', 'key_doesNotExist1', 'cl_etlNightly', 'job_nightlyEtl', 'pl_billing', 'sqlw_biDash', 'nb_dailyLoad', 'ws_analytics'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('..', '%00', 'a'.repeat(300), '{keyId}'),
);

const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    `Bearer ${seeded.adaToken}`,
    `Bearer ${seeded.adaToken}`,
    `Bearer ${seeded.graceToken}`,
    `Bearer ${seeded.ingestKey}`,
    `Bearer ${seeded.platformKey}`,
    `Basic ${btoa(`${seeded.ada.username}:${seeded.ada.password}`)}`,
    `Basic ${btoa(`${seeded.reporting.clientId}:${seeded.reporting.clientSecret}`)}`,
    'Bearer dsa_notatoken',
    'Basic !!!',
  ),
  fc.string({ maxLength: 80 }).map((value) => value.replace(/[\r\n]/g, '')),
);

const jsonBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(
    fc.constantFrom('name', 'label', 'scopes', 'environment', 'lifetime_days', 'url', 'events', 'advance_seconds', 'type', 'redirect_uris', 'grace_period_seconds', 'num_workers', 'path', 'language', 'content', 'workspace_id'),
    fc.jsonValue(),
  ).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

const formBody = fc.oneof(
  fc.constant('%%%&&='),
  fc.dictionary(
    fc.constantFrom('grant_type', 'client_id', 'client_secret', 'scope', 'refresh_token', 'token', 'token_type_hint', 'code', 'device_code', 'redirect_uri', 'code_verifier'),
    fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('client_credentials', 'refresh_token', 'authorization_code', seeded.reporting.clientId)),
  ).map((fields) => new URLSearchParams(fields).toString()),
  fc.string({ maxLength: 200 }),
);

const requestShape = fc.record({
  segments: fc.array(pathSegment, { minLength: 3, maxLength: 3 }),
  authorization,
  scopeHeader: fc.option(fc.oneof(fc.constantFrom('read:clusters', 'manage:api-keys', 'read:everything'), fc.string({ maxLength: 30 })), { nil: undefined }),
  contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', undefined),
  json: jsonBody,
  form: formBody,
  query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'user_code', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 2 }),
});

describe('random requests at every operation', () => {
  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s: never a 5xx, always the spec, refusals change nothing',
    async (_name, operation) => {
      await fc.assert(
        fc.asyncProperty(requestShape, async (shape) => {
          const { call, sandbox } = await testSandbox();
          let index = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(shape.segments[index++] ?? 'x'));
          const query = new URLSearchParams(shape.query).toString();
          const headers: Record<string, string> = {};
          if (shape.authorization !== undefined) headers.Authorization = shape.authorization;
          if (shape.scopeHeader !== undefined) headers['x-datastack-scope'] = shape.scopeHeader.replace(/[\r\n]/g, '');
          if (shape.contentType !== undefined) headers['Content-Type'] = shape.contentType;
          const body = operation.method === 'GET' ? undefined : operation.body === 'form' ? shape.form : shape.json;

          const before = sandboxState(sandbox);
          let response;
          try {
            response = await call(operation.method, query ? `${path}?${query}` : path, { headers, ...(body === undefined ? {} : { body }) });
          } catch (error) {
            // Header values Headers() itself refuses never reach a server; anything else is a failure.
            if (error instanceof TypeError && /header/i.test(error.message)) return;
            throw error;
          }
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(sandboxState(sandbox)).toBe(before);
        }),
        { numRuns: 30 },
      );
    },
    60_000,
  );
});
