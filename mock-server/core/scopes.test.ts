import { describe, expect, it } from 'vitest';

import { refusal } from '../test/support/refusal';
import { allApis, checkPatOrKeyScopes, checkScope, permissionScopes, scopeCovers } from './scopes';

describe('checkScope', () => {
  const readOnly = ['read:profile', 'read:clusters'];

  it('lets manage:x cover read:x, never the other way round', () => {
    expect(scopeCovers('manage:clusters', 'read:clusters')).toBe(true);
    expect(scopeCovers('read:clusters', 'manage:clusters')).toBe(false);
    expect(() => checkScope(['manage:clusters'], 'read:clusters')).not.toThrow();
  });

  it('names the operation scope when no scope is declared', () => {
    const error = refusal(() => checkScope(readOnly, 'manage:clusters'));
    expect(error.code).toBe('insufficient_scope');
    expect(error.details).toEqual({ required_scope: 'manage:clusters' });
    expect(error.message).toBe('This operation requires the manage:clusters scope.');
  });

  // Issue 11, defect 2: a read-only token declaring manage:clusters on a read was told it needed
  // read:clusters, a scope it already holds.
  it('issue 11: names the declared scope when the credential does not hold it', () => {
    const error = refusal(() => checkScope(readOnly, 'read:clusters', 'manage:clusters'));
    expect(error.code).toBe('insufficient_scope');
    expect(error.details).toEqual({ required_scope: 'manage:clusters' });
    expect(error.message).toBe('x-datastack-scope declares manage:clusters, which this credential does not hold.');
  });

  it('names the operation scope when the declared one is held but does not cover it', () => {
    const error = refusal(() => checkScope(['read:workspaces', 'read:clusters'], 'read:clusters', 'read:workspaces'));
    expect(error.details).toEqual({ required_scope: 'read:clusters' });
    expect(error.message).toBe('x-datastack-scope declares read:workspaces, which does not cover this operation; it requires read:clusters.');
  });

  it('accepts a declared scope that is held and covers the operation', () => {
    expect(() => checkScope(['manage:clusters'], 'read:clusters', 'manage:clusters')).not.toThrow();
    expect(() => checkScope(readOnly, 'read:clusters', 'read:clusters')).not.toThrow();
  });

  it('refuses unknown declared scopes and offline_access with invalid_request on the header', () => {
    for (const declared of ['read:cluster', 'offline_access']) {
      const error = refusal(() => checkScope(readOnly, 'read:clusters', declared));
      expect(error.code).toBe('invalid_request');
      expect(error.details).toEqual({ field: 'x-datastack-scope' });
    }
  });
});

describe('all-apis', () => {
  const resourceAreas = ['webhooks', 'clusters', 'workspaces', 'users', 'jobs', 'notebooks', 'pipelines', 'sql'];

  it('covers every read and manage scope of the resource APIs, and read:profile', () => {
    for (const area of resourceAreas) {
      expect(scopeCovers(allApis, `read:${area}`), area).toBe(true);
      expect(scopeCovers(allApis, `manage:${area}`), area).toBe(true);
    }
    expect(scopeCovers(allApis, 'read:profile')).toBe(true);
    expect(() => checkScope([allApis], 'manage:jobs', allApis)).not.toThrow();
  });

  it('never covers credential management or organization administration', () => {
    const outside = permissionScopes.filter((scope) => !scopeCovers(allApis, scope));
    expect(outside).toEqual([
      'read:tokens',
      'manage:tokens',
      'read:api-keys',
      'manage:api-keys',
      'read:oauth-clients',
      'manage:oauth-clients',
      'read:org',
      'manage:org',
    ]);
    const error = refusal(() => checkScope([allApis], 'manage:org'));
    expect(error.details).toEqual({ required_scope: 'manage:org' });
  });

  it('is refused on a personal access token or an API key, naming the field and the fine-grained way', () => {
    const error = refusal(() => checkPatOrKeyScopes(['read:jobs', allApis], 'scopes'));
    expect(error.code).toBe('invalid_request');
    expect(error.details).toEqual({ field: 'scopes' });
    expect(error.message).toBe(
      'scopes names all-apis, which only OAuth access tokens may carry; list the fine-grained scopes this credential needs instead, such as read:clusters or manage:jobs.',
    );
  });
});
