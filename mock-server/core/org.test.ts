import { describe, expect, it } from 'vitest';

import type { Principal } from './credentials/authenticate';
import { checkAdministrator, removeOrgMember, updateOrgTokenSettings } from './org';
import { Sandbox } from './sandbox';
import { refusal } from '../test/support/refusal';

async function setUp() {
  const sandbox = await Sandbox.create();
  const as = (userId: string): Principal => {
    const user = sandbox.store.users.get(userId);
    const org = user && sandbox.store.orgs.get(user.orgId);
    if (!user || !org) throw new Error('seed changed');
    return { kind: 'personal_access_token', credentialId: 'x', org, user, role: user.role, scopes: [], expiresAt: null, tier: org.tier };
  };
  return { sandbox, as };
}

describe('checkAdministrator', () => {
  it('passes admins and refuses members and viewers with forbidden', async () => {
    const { sandbox, as } = await setUp();
    expect(checkAdministrator(sandbox, as('usr_ada'), 'manage:org')).toBe('usr_ada');
    expect(refusal(() => checkAdministrator(sandbox, as('usr_grace'), 'read:org'))).toMatchObject({
      code: 'forbidden',
      message: 'Your role is member: only organization admins may use read:org.',
    });
    expect(refusal(() => checkAdministrator(sandbox, as('usr_alan'), 'manage:org')).code).toBe('forbidden');
  });

  it('issue 11: passes an API key holding the scope, accountable to the admin who made it', async () => {
    const { sandbox } = await setUp();
    const org = sandbox.store.orgs.get('org_acme');
    if (!org) throw new Error('seed changed');
    const key: Principal = { kind: 'api_key', credentialId: 'key_ingest', org, user: null, role: null, scopes: ['manage:org'], expiresAt: null, tier: org.tier };
    expect(checkAdministrator(sandbox, key, 'manage:org')).toBe('usr_ada');
  });
});

describe('updateOrgTokenSettings', () => {
  it('refuses an empty change or an out-of-range maximum before writing anything', async () => {
    const { sandbox, as } = await setUp();
    const before = JSON.stringify(sandbox.store.orgs.values());
    expect(refusal(() => updateOrgTokenSettings(sandbox, as('usr_ada'), {})).message).toBe('Name at least one setting to change.');
    expect(refusal(() => updateOrgTokenSettings(sandbox, as('usr_ada'), { members_can_create_tokens: false, max_token_lifetime_days: 1.5 })).details).toEqual({
      field: 'max_token_lifetime_days',
    });
    expect(JSON.stringify(sandbox.store.orgs.values())).toBe(before);
  });
});

describe('removeOrgMember', () => {
  it('marks the user removed at the same instant as their credentials are revoked', async () => {
    const { sandbox, as } = await setUp();
    const cut = await removeOrgMember(sandbox, as('usr_ada'), 'usr_grace');
    expect(cut).toMatchObject({ userId: 'usr_grace', memberRemoved: true, revokedBy: 'usr_ada', oauthGrants: 0 });
    expect(cut.personalAccessTokens.map((token) => token.id)).toEqual(['tok_graceRead']);
    expect(cut.apiKeys.map((key) => key.id)).toEqual(['key_dashboard']);
    expect(sandbox.store.users.get('usr_grace')?.removedAt).toBe(cut.revokedAt);
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(cut.revokedAt);
  });
});
