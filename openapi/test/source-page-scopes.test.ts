/**
 * Issue 11, defect 8: the scope catalogue of source page 000 (`shared/seeds/000_…`) is in the
 * spec whole, every read and manage scope opened by at least one operation (a list or get for
 * read, a write for manage), and its broad OAuth scope offered by every OAuth flow.
 */
import { describe, expect, it } from 'vitest';

import { loadBundledSpec, specOperations } from './bundle';

/** The areas the source page's scope table lists, each with `read:` and `manage:`. */
const sourcePageAreas = ['users', 'workspaces', 'clusters', 'jobs', 'notebooks', 'pipelines', 'sql', 'webhooks'];

const spec = loadBundledSpec();
const operations = specOperations(spec);
const flows = spec.components.securitySchemes.oauth2?.flows ?? {};
const scopeOf = (operation: (typeof operations)[number]): string | undefined => Object.values(operation.security?.[0] ?? {}).flat()[0];

describe('the scope catalogue of source page 000', () => {
  it.each(sourcePageAreas)('%s: read and manage scopes exist, read opens a GET and manage a write', (area) => {
    const scopes = Object.keys(flows.authorizationCode?.scopes ?? {});
    expect(scopes).toEqual(expect.arrayContaining([`read:${area}`, `manage:${area}`]));
    const methods = (scope: string) => operations.filter((operation) => scopeOf(operation) === scope).map((operation) => operation.method);
    expect(methods(`read:${area}`)).toContain('get');
    expect(methods(`manage:${area}`).some((method) => method !== 'get')).toBe(true);
  });

  it('offers all-apis on every OAuth flow (authorization code, client credentials, device)', () => {
    for (const flow of ['authorizationCode', 'clientCredentials', 'x-deviceAuthorization']) {
      expect(Object.keys(flows[flow]?.scopes ?? {}), flow).toContain('all-apis');
    }
  });
});
