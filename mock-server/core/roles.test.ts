import { describe, expect, it } from 'vitest';

import { orgScopes, roleAllows } from './roles';
import { allApis, permissionScopes } from './scopes';

describe('roleAllows, over every scope of the catalogue', () => {
  const resourceAreas = ['users', 'workspaces', 'clusters', 'jobs', 'notebooks', 'pipelines', 'sql', 'webhooks'];

  it('lets a viewer use every read: scope and manage:tokens, and no other manage: scope nor all-apis', () => {
    const viewer = permissionScopes.filter((scope) => roleAllows('viewer', scope));
    expect(viewer).toEqual(permissionScopes.filter((scope) => (scope.startsWith('read:') && !orgScopes.includes(scope)) || scope === 'manage:tokens'));
    for (const area of resourceAreas) {
      expect(roleAllows('viewer', `read:${area}`), area).toBe(true);
      expect(roleAllows('viewer', `manage:${area}`), area).toBe(false);
    }
    expect(roleAllows('viewer', allApis)).toBe(false);
  });

  it('lets a member use every scope but the organization ones, and an admin every scope', () => {
    expect(permissionScopes.filter((scope) => !roleAllows('member', scope))).toEqual([...orgScopes]);
    expect(permissionScopes.every((scope) => roleAllows('admin', scope))).toBe(true);
  });
});
