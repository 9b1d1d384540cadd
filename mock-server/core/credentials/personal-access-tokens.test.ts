import { describe, expect, it } from 'vitest';

import type { OrgSettings } from '../model';
import { Sandbox } from '../sandbox';
import type { Principal } from './authenticate';
import { checkLifetime, checkTokenOwner } from './personal-access-tokens';
import { refusal } from '../../test/support/refusal';

const day = 86_400_000;
const now = 1_700_000_000_000;

const settings = (change: Partial<OrgSettings> = {}): OrgSettings => ({
  members_can_create_tokens: true,
  max_token_lifetime_days: 365,
  allow_non_expiring_tokens: false,
  updatedAt: 0,
  updatedBy: 'usr_ada',
  ...change,
});

describe('checkLifetime', () => {
  it('turns days into an expiry, 90 by default', () => {
    expect(checkLifetime(settings(), 30, now)).toBe(now + 30 * day);
    expect(checkLifetime(settings(), undefined, now)).toBe(now + 90 * day);
  });

  it('caps the default at the organization maximum instead of refusing it', () => {
    expect(checkLifetime(settings({ max_token_lifetime_days: 14 }), undefined, now)).toBe(now + 14 * day);
  });

  it('refuses a lifetime above the maximum, which never exceeds 365', () => {
    const tooLong = refusal(() => checkLifetime(settings({ max_token_lifetime_days: 180 }), 181, now));
    expect(tooLong.code).toBe('invalid_request');
    expect(tooLong.message).toBe('lifetime_days may not exceed 180 in this organization.');
    expect(tooLong.details).toEqual({ field: 'lifetime_days', max_lifetime_days: 180 });
    expect(refusal(() => checkLifetime(settings({ max_token_lifetime_days: 730 }), 400, now)).details.max_lifetime_days).toBe(365);
  });

  it('allows a token without expiry only where the organization does', () => {
    expect(refusal(() => checkLifetime(settings(), null, now)).details).toEqual({ field: 'lifetime_days', max_lifetime_days: 365 });
    expect(checkLifetime(settings({ allow_non_expiring_tokens: true }), null, now)).toBeNull();
  });
});

describe('checkTokenOwner', () => {
  it('accepts passwords, tokens and OAuth tokens of a user; refuses API keys and clients acting as themselves', async () => {
    const sandbox = await Sandbox.create();
    const org = sandbox.store.orgs.get('org_acme');
    const user = sandbox.store.users.get('usr_grace');
    if (!org || !user) throw new Error('seed changed');
    const principal = (kind: Principal['kind'], acting: typeof user | null): Principal => ({
      kind,
      credentialId: 'x',
      org,
      user: acting,
      role: acting?.role ?? null,
      scopes: [],
      expiresAt: null,
      tier: org.tier,
    });
    for (const kind of ['password', 'personal_access_token', 'oauth_access_token'] as const) expect(checkTokenOwner(principal(kind, user))).toBe(user);
    expect(refusal(() => checkTokenOwner(principal('api_key', user))).code).toBe('forbidden');
    expect(refusal(() => checkTokenOwner(principal('client_jwt', null))).code).toBe('forbidden');
  });
});
