import { describe, expect, it } from 'vitest';

import type { Principal } from './credentials/authenticate';
import { checkAdmin, removeOrgMember, updateOrgTokenSettings } from './org';
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

describe('checkAdmin', () => {
  it('passes admins and refuses members with forbidden', async () => {
    const { as } = await setUp();
    expect(checkAdmin(as('usr_ada')).id).toBe('usr_ada');
    expect(refusal(() => checkAdmin(as('usr_grace')))).toMatchObject({
      code: 'forbidden',
      message: 'Only organization admins can do this; your role is member.',
    });
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
    const cut = removeOrgMember(sandbox, as('usr_ada'), 'usr_grace');
    expect(cut).toMatchObject({ userId: 'usr_grace', memberRemoved: true, revokedBy: 'usr_ada', oauthGrants: 0 });
    expect(cut.personalAccessTokens.map((token) => token.id)).toEqual(['tok_graceRead']);
    expect(cut.apiKeys.map((key) => key.id)).toEqual(['key_dashboard']);
    expect(sandbox.store.users.get('usr_grace')?.removedAt).toBe(cut.revokedAt);
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(cut.revokedAt);
  });
});
