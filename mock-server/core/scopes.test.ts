import { describe, expect, it } from 'vitest';

import { refusal } from '../test/support/refusal';
import { checkScope, scopeCovers } from './scopes';

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
