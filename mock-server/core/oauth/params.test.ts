import { describe, expect, it } from 'vitest';

import { ApiError } from '../errors';
import { checkFormEncoding, parseScope, presentParams, requiredParam } from './params';

const refusal = (run: () => unknown): { code: string; message: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('OAuth form parameters', () => {
  it('refuses a % that does not start an escape, and accepts sound encodings', () => {
    for (const body of ['%%%&&=', 'a=%', 'a=%2', 'a=%zz']) expect(refusal(() => checkFormEncoding(body)).code).toBe('invalid_request');
    for (const body of ['', 'grant_type=client_credentials', 'scope=read%3Aclusters+read%3Aworkspaces', 'a=%C3%A9']) {
      expect(() => checkFormEncoding(body)).not.toThrow();
    }
  });

  it('drops parameters sent without a value (RFC 6749 §3.1)', () => {
    expect(presentParams({ grant_type: 'client_credentials', scope: '', client_id: undefined })).toEqual({ grant_type: 'client_credentials' });
  });

  it('requires a printable, bounded value', () => {
    expect(requiredParam({ token: 'dsa_abc' }, 'token')).toBe('dsa_abc');
    expect(refusal(() => requiredParam({}, 'token'))).toEqual({ code: 'invalid_request', message: 'The token parameter is required.' });
    expect(refusal(() => requiredParam({ token: 'a\u0000b' }, 'token')).code).toBe('invalid_request');
    expect(refusal(() => requiredParam({ token: 'é' }, 'token')).code).toBe('invalid_request');
    expect(refusal(() => requiredParam({ token: 'x'.repeat(513) }, 'token')).code).toBe('invalid_request');
  });

  it('parses scope lists, dropping repeats, and refuses malformed or unknown scopes with invalid_scope', () => {
    expect(parseScope('read:clusters read:clusters offline_access')).toEqual(['read:clusters', 'offline_access']);
    for (const scope of [' read:clusters', 'read:clusters ', 'read:clusters\tread:workspaces', 'READ:clusters']) {
      expect(refusal(() => parseScope(scope))).toEqual({
        code: 'invalid_scope',
        message: 'The scope parameter must be scope names separated by single spaces.',
      });
    }
    expect(refusal(() => parseScope('read:clusters delete:everything'))).toEqual({
      code: 'invalid_scope',
      message: 'delete:everything is not a scope this server knows.',
    });
  });
});
