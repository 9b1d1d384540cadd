/**
 * Where the console sends requests, and which typed base URLs it accepts: the console appends
 * the operation's path to the base URL as it is, so a base URL must be absolute http(s) and end
 * where a path can begin.
 */
import { describe, expect, it } from 'vitest';

import { baseUrlOf, customUrlProblem, localMockUrl } from './servers';

describe('baseUrlOf', () => {
  it('sends to the sandbox origin by default', () => {
    expect(baseUrlOf({ kind: 'sandbox' })).toBe('https://sandbox.datastack.test');
  });

  it('sends to the local Node mock', () => {
    expect(baseUrlOf({ kind: 'local' })).toBe(localMockUrl);
    expect(localMockUrl).toBe('http://127.0.0.1:4010');
  });

  it.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['https://api.acme.test/datastack///', 'https://api.acme.test/datastack'],
  ])('strips the trailing slashes of %s', (url, expected) => {
    expect(baseUrlOf({ kind: 'custom', url })).toBe(expected);
  });
});

describe('customUrlProblem', () => {
  it.each(['http://127.0.0.1:4010', 'https://api.acme.test/datastack/', 'http://[::1]:8080'])('accepts %s', (url) => {
    expect(customUrlProblem(url)).toBeUndefined();
  });

  it.each(['/v1', '127.0.0.1:4010/v1', ''])('asks for an absolute URL instead of %j', (url) => {
    expect(customUrlProblem(url)).toBe('Enter an absolute URL, such as http://127.0.0.1:4010.');
  });

  it.each(['ftp://files.acme.test', 'file:///etc/hosts', 'ws://127.0.0.1:4010'])('refuses the scheme of %s', (url) => {
    expect(customUrlProblem(url)).toBe('Only http and https URLs can be called.');
  });

  // An empty `?` or `#` would still swallow the path appended after it.
  it.each(['https://api.acme.test/?tenant=acme', 'https://api.acme.test/#docs', 'http://127.0.0.1:4010?', 'http://127.0.0.1:4010/#'])(
    'refuses the query or fragment of %s',
    (url) => {
      expect(customUrlProblem(url)).toBe('A base URL has no query string or fragment.');
    },
  );
});
