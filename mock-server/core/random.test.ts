import { describe, expect, it } from 'vitest';

import { randomId, randomString, randomToken, randomUserCode, toBase64Url, toHex } from './random';

describe('random values', () => {
  it('encodes bytes as hex and unpadded base64url', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(toBase64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(toBase64Url(new Uint8Array([1]))).toBe('AQ');
  });

  it('issues 256-bit tokens as 43 base64url characters, never twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, randomToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('draws only from the given alphabet', () => {
    expect(randomString(500, 'ab')).toMatch(/^[ab]{500}$/);
  });

  it('prefixes ids and shapes user codes for humans', () => {
    expect(randomId('key')).toMatch(/^key_[0-9A-Za-z]{16}$/);
    expect(randomUserCode()).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  });
});
