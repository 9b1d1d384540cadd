import { describe, expect, it } from 'vitest';

import { credentialStatus, isActive } from './status';

describe('credentialStatus', () => {
  const now = 1_700_000_000_000;

  it('is active until the expiry, expired from it on', () => {
    expect(credentialStatus({ expiresAt: now + 1, revokedAt: null }, now)).toBe('active');
    expect(credentialStatus({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(credentialStatus({ expiresAt: null, revokedAt: null }, now)).toBe('active');
  });

  it('reports a revocation even after the expiry has passed', () => {
    expect(credentialStatus({ expiresAt: now + 1, revokedAt: now - 5 }, now)).toBe('revoked');
    expect(credentialStatus({ expiresAt: now - 1, revokedAt: now - 5 }, now)).toBe('revoked');
  });

  it('isActive agrees', () => {
    expect(isActive({ expiresAt: null, revokedAt: null }, now)).toBe(true);
    expect(isActive({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(isActive({ expiresAt: null, revokedAt: now }, now)).toBe(false);
  });
});
