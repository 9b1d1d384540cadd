import { describe, expect, it } from 'vitest';

import { assertMatchesSpec } from './support/contract';

const headers = (extra: Record<string, string> = {}) =>
  new Headers({
    'content-type': 'application/json',
    'x-request-id': 'req_abcdefghijkl',
    'ratelimit-limit': '1000',
    'ratelimit-remaining': '1',
    'ratelimit-reset': '3',
    'access-control-allow-origin': '*',
    ...extra,
  });

describe('the contract check every HTTP test goes through', () => {
  it('refuses a body that does not match the schema', () => {
    expect(() => assertMatchesSpec({ operationId: 'getCurrentIdentity', status: 200, headers: headers(), text: '{"user":null}' })).toThrow(
      /getCurrentIdentity 200 departs from the spec:\n {2}- body: /,
    );
  });

  it('refuses a status the operation does not declare', () => {
    expect(() => assertMatchesSpec({ operationId: 'getCurrentIdentity', status: 418, headers: headers(), text: '{}' })).toThrow(
      /status not declared/,
    );
  });

  it('refuses a missing required header and an undeclared header of ours', () => {
    const missing = headers();
    missing.delete('x-request-id');
    expect(() => assertMatchesSpec({ operationId: 'getSandbox', status: 429, headers: missing, text: '{}' })).toThrow(/missing header x-request-id/);
    expect(() => assertMatchesSpec({ operationId: 'advanceSandboxClock', status: 200, headers: headers({ 'retry-after': '3' }), text: '{}' })).toThrow(
      /undeclared header retry-after/,
    );
  });

  it('accepts a response that matches', () => {
    expect(() =>
      assertMatchesSpec({
        operationId: 'advanceSandboxClock',
        status: 200,
        headers: headers(),
        text: '{"now":"2026-01-01T00:00:00Z","offset_seconds":60}',
      }),
    ).not.toThrow();
  });
});
