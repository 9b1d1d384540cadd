import { describe, expect, it } from 'vitest';

import { matchJson } from './outcome';

describe('matchJson', () => {
  it('accepts a body that shows more keys than the page', () => {
    expect(matchJson({ role: 'member' }, { role: 'member', org: { id: 'org_acme' } })).toEqual([]);
  });

  it('compares nested objects as subsets', () => {
    expect(matchJson({ org: { id: 'org_acme' } }, { org: { id: 'org_acme', name: 'Acme Analytics' } })).toEqual([]);
    expect(matchJson({ org: { id: 'org_other' } }, { org: { id: 'org_acme' } })).toEqual([
      { path: '$.org.id', message: 'expected "org_other", got "org_acme"' },
    ]);
  });

  it('names a missing key by its path', () => {
    expect(matchJson({ details: { required_scope: 'read:x' } }, { details: {} })).toEqual([{ path: '$.details.required_scope', message: 'missing' }]);
  });

  it('treats a key that is present with null as present', () => {
    expect(matchJson({ revoked_at: null }, { revoked_at: null })).toEqual([]);
    expect(matchJson({ revoked_at: null }, {})).toEqual([{ path: '$.revoked_at', message: 'missing' }]);
  });

  it('compares arrays element by element and accepts a shown prefix', () => {
    expect(matchJson(['read:profile'], ['read:profile', 'read:clusters'])).toEqual([]);
    expect(matchJson([{ id: 'a' }, { id: 'b' }], [{ id: 'a', x: 1 }, { id: 'b' }])).toEqual([]);
    expect(matchJson(['read:clusters'], ['read:profile', 'read:clusters'])).toEqual([
      { path: '$[0]', message: 'expected "read:clusters", got "read:profile"' },
    ]);
  });

  it('refuses an array shorter than the one shown', () => {
    expect(matchJson({ data: [1, 2] }, { data: [1] })).toEqual([{ path: '$.data', message: 'expected at least 2 element(s), got 1' }]);
  });

  it('reads "prefix…" as any string starting with the prefix', () => {
    expect(matchJson({ token: 'dsp_…' }, { token: 'dsp_1b59' })).toEqual([]);
    expect(matchJson({ token: 'dsp_…' }, { token: 'dsp_' })).toEqual([]);
    expect(matchJson({ token: 'dsp_…' }, { token: 'sk_test_1' })).toEqual([{ path: '$.token', message: 'expected "dsp_…", got "sk_test_1"' }]);
    expect(matchJson({ token: 'dsp_…' }, { token: 42 })).toEqual([{ path: '$.token', message: 'expected "dsp_…", got 42' }]);
  });

  it('reads … anywhere in a string as any run of characters', () => {
    const message = 'This operation requires the manage:clusters scope.';
    expect(matchJson('…manage:clusters…', message)).toEqual([]);
    expect(matchJson('This operation requires …', message)).toEqual([]);
    expect(matchJson('…scope.', message)).toEqual([]);
    expect(matchJson('…read:clusters…', message)).toHaveLength(1);
    // The parts may not overlap: "ab…ba" needs at least "aba".
    expect(matchJson('ab…ba', 'aba')).toHaveLength(1);
    expect(matchJson('ab…ba', 'abba')).toEqual([]);
  });

  it('reads a lone "…" as any value, but the key must still be there', () => {
    expect(matchJson({ expires_at: '…' }, { expires_at: null })).toEqual([]);
    expect(matchJson({ details: '…' }, { details: { a: [1] } })).toEqual([]);
    expect(matchJson({ expires_at: '…' }, {})).toEqual([{ path: '$.expires_at', message: 'missing' }]);
  });

  it('compares other values exactly, type included', () => {
    expect(matchJson({ num_workers: 2 }, { num_workers: 2 })).toEqual([]);
    expect(matchJson({ num_workers: 2 }, { num_workers: '2' })).toEqual([{ path: '$.num_workers', message: 'expected 2, got "2"' }]);
    expect(matchJson({ restricted: false }, { restricted: null })).toHaveLength(1);
  });

  it('says when the shapes differ', () => {
    expect(matchJson({ data: [] }, { data: {} })).toEqual([{ path: '$.data', message: 'expected an array, got {}' }]);
    expect(matchJson({ org: {} }, { org: 'org_acme' })).toEqual([{ path: '$.org', message: 'expected an object, got "org_acme"' }]);
  });

  it('quotes keys that are not identifiers and lists every mismatch', () => {
    expect(matchJson({ 'x-id': 1, b: 2 }, { 'x-id': 0, b: 3 })).toEqual([
      { path: '$["x-id"]', message: 'expected 1, got 0' },
      { path: '$.b', message: 'expected 2, got 3' },
    ]);
  });
});
