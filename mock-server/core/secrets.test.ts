import { describe, expect, it } from 'vitest';

import { constantTimeEqual, hashPassword, hashSecret, hmacSha256Hex, matchesHash, secretHint, verifyPassword } from './secrets';

describe('hashSecret', () => {
  it('is SHA-256 in hex', async () => {
    expect(await hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches only the same secret', async () => {
    const stored = await hashSecret('dsp_secret');
    expect(await matchesHash('dsp_secret', stored)).toBe(true);
    expect(await matchesHash('dsp_secreT', stored)).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares whole strings, including their lengths', () => {
    expect(constantTimeEqual('same', 'same')).toBe(true);
    expect(constantTimeEqual('same', 'sane')).toBe(false);
    expect(constantTimeEqual('same', 'same-but-longer')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('passwords', () => {
  it('verifies the right password and refuses others', async () => {
    const verifier = await hashPassword('correct horse');
    expect(verifier).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(await verifyPassword('correct horse', verifier)).toBe(true);
    expect(await verifyPassword('correct hors', verifier)).toBe(false);
  });

  it('refuses a malformed verifier instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe('secretHint', () => {
  it('keeps a recognisable prefix and the last four characters only', () => {
    expect(secretHint('sk_test_abcdefghijklmnop', 8)).toEqual({ prefix: 'sk_test_', last_four: 'mnop' });
  });
});

describe('useSha256', () => {
  it("keeps hashes identical when a host supplies Node's own SHA-256", async () => {
    const { createHash } = await import('node:crypto');
    const { useSha256 } = await import('./secrets');
    const before = await hashSecret('dsp_same-either-way');
    useSha256((data) => createHash('sha256').update(data).digest());
    expect(await hashSecret('dsp_same-either-way')).toBe(before);
  });
});
