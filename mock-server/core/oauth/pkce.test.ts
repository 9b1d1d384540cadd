import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { normalizeUserCode } from './device';
import { isRegisteredRedirectUri, redirectWith, s256Challenge } from './pkce';

describe('s256Challenge', () => {
  it('agrees with oauth4webapi (RFC 7636 §4.2)', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    expect(await s256Challenge(verifier)).toBe(await oauth.calculatePKCECodeChallenge(verifier));
  });
});

describe('isRegisteredRedirectUri', () => {
  const registered = ['http://127.0.0.1:8765/callback', 'http://[::1]/cb', 'http://localhost:3000/oauth/callback', 'https://app.test/cb'];
  it.each([
    ['http://127.0.0.1:8765/callback', true],
    ['http://127.0.0.1:51004/callback', true],
    ['http://127.0.0.1/callback', true],
    ['http://[::1]:4242/cb', true],
    ['https://app.test/cb', true],
    ['http://localhost:3000/oauth/callback', true],
    ['http://localhost:3001/oauth/callback', false],
    ['http://127.0.0.1:70000/callback', false],
    ['http://127.0.0.1:8765/callback/', false],
    ['http://127.0.0.1:8765/callback?x=1', false],
    ['http://127.0.0.2:8765/callback', false],
    ['https://app.test/cb/', false],
    ['https://APP.test/cb', false],
    ['http://127.0.0.1:8765@evil.test/callback', false],
  ])('%s → %s (exact, except loopback IP ports: RFC 8252 §7.3)', (uri, expected) => {
    expect(isRegisteredRedirectUri(registered, uri)).toBe(expected);
  });

  it('keeps the registered query when adding response parameters', () => {
    expect(redirectWith('https://app.test/cb?tenant=a', { code: 'c', state: 's', error: undefined })).toBe('https://app.test/cb?tenant=a&code=c&state=s');
  });
});

describe('normalizeUserCode', () => {
  it.each([
    ['WDJB-MJHT', 'WDJB-MJHT'],
    ['wdjbmjht', 'WDJB-MJHT'],
    ['wdjb-mjht', 'WDJB-MJHT'],
    ['WDJB-MJH', undefined],
    ['AEIO-UAEI', undefined],
    ['WD-JB-MJ-HT', 'WDJB-MJHT'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUserCode(input)).toBe(expected);
  });
});
