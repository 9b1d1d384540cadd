/**
 * The authorization endpoint's rules (RFC 6749 §4.1, RFC 7636, RFC 8252 §7.3) and the
 * authorization_code grant's refusals, each with its exact error code.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { seeded } from '../../test/support/client';
import { sandboxState } from '../../test/support/state';
import { addPartnerClient } from '../../test/support/oauth.fixtures';
import { authorizationUrl, consent, formFields, newAttempt, type OAuthTestbed, oauthErrorOf, oauthTestbed } from '../../test/support/oauth-flows.support';

const desktop: oauth.Client = { client_id: 'cli_desktop' };
const loopback = 'http://127.0.0.1:8765/callback';

/** Approves an attempt for a user and returns the redirect parameters. */
async function approvedCode(testbed: OAuthTestbed, scope = 'read:profile offline_access', user = seeded.grace) {
  const attempt = await newAttempt('cli_desktop', loopback, scope);
  const { location } = await consent(testbed, authorizationUrl(testbed.as, attempt), { ...user, decision: 'approve' });
  return { attempt, callback: oauth.validateAuthResponse(testbed.as, desktop, location as URL, attempt.state) };
}

/** Redeems a code with oauth4webapi; resolves to the tokens or rejects with the server's error. */
async function redeem(testbed: OAuthTestbed, callback: URLSearchParams, redirectUri: string, verifier: string) {
  const response = await oauth.authorizationCodeGrantRequest(testbed.as, desktop, oauth.None(), callback, redirectUri, verifier, testbed.options);
  return oauth.processAuthorizationCodeResponse(testbed.as, desktop, response);
}

describe('GET /oauth2/authorize (startAuthorization)', () => {
  it('shows the consent page: client name, each scope with its description, a form that posts back, strict headers', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile manage:clusters offline_access');
    const page = await testbed.call('GET', authorizationUrl(testbed.as, attempt));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; form-action 'self' http:\/\/127\.0\.0\.1:8765; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(page.text).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page.text).toContain('<li><code>read:profile</code>: See who the credential acts as (<code>GET /v1/me</code>).</li>');
    expect(page.text).toContain('<li><code>offline_access</code>: OAuth only: also issue a refresh token. Grants no API access by itself.</li>');
    expect(page.text).toContain('<form method="post" action="/oauth2/authorize">');
    expect(page.text).toContain('<label for="password">Password</label>');
    expect(formFields(page.text)).toEqual({
      response_type: 'code',
      client_id: 'cli_desktop',
      redirect_uri: loopback,
      scope: 'read:profile manage:clusters offline_access',
      state: attempt.state,
      code_challenge: attempt.challenge,
      code_challenge_method: 'S256',
    });
  });

  it('escapes every interpolated value', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    attempt.state = '"><script>alert(1)</script>';
    const page = await testbed.call('GET', authorizationUrl(testbed.as, attempt));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(formFields(page.text).state).toBe(attempt.state);
  });

  it.each([
    ['an unknown client', { client_id: 'cli_nobody' }, 'There is no client cli_nobody in this sandbox.'],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.test/callback' }, 'The redirect_uri is not registered for DataStack Desktop (cli_desktop).'],
    ['a redirect URI differing by a path', { redirect_uri: 'http://127.0.0.1:8765/callback/x' }, 'The redirect_uri is not registered'],
    ['a localhost URI on another port (a name, not an IP literal)', { redirect_uri: 'http://localhost:3001/oauth/callback' }, 'The redirect_uri is not registered'],
    ['no redirect URI', { redirect_uri: '' }, 'The redirect_uri parameter is missing.'],
  ])('shows a 400 error page and redirects nowhere for %s (RFC 6749 §4.1.2.1)', async (_name, override, message) => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const page = await testbed.call('GET', authorizationUrl(testbed.as, attempt, override));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('<h1>This request is not valid</h1>');
    expect(page.text).toContain(message);
  });

  it.each([
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request', 'code_challenge_method must be S256; plain is not accepted.'],
    ['no PKCE', { code_challenge: '', code_challenge_method: '' }, 'invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.'],
    ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request', 'code_challenge must be 43 base64url characters (the S256 hash of the code_verifier).'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type', 'Only response_type=code is supported.'],
    ['a scope the client may not ask for', { scope: 'read:profile manage:org' }, 'invalid_scope', 'manage:org is not among the scopes cli_desktop may request.'],
    ['an unknown scope', { scope: 'read:everything' }, 'invalid_scope', 'read:everything is not a scope this server knows.'],
  ])('sends %s back to the client as an RFC 6749 error with the state', async (_name, override, error, description) => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const response = await testbed.call('GET', authorizationUrl(testbed.as, attempt, override));
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(loopback);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error, error_description: description, state: attempt.state });
    expect(() => oauth.validateAuthResponse(testbed.as, desktop, location, attempt.state)).toThrow(oauth.AuthorizationResponseError);
  });

  it('refuses a client not registered for authorization_code with unauthorized_client, and a repeated parameter with invalid_request', async () => {
    const testbed = await oauthTestbed();
    const partner = await addPartnerClient(testbed.sandbox);
    testbed.sandbox.store.clients.update(partner.clientId, { grantTypes: ['refresh_token'] });
    const attempt = await newAttempt(partner.clientId, 'https://partner.test/callback', 'read:profile');
    const refused = await testbed.call('GET', authorizationUrl(testbed.as, attempt));
    expect(new URL(refused.headers.get('location') ?? '').searchParams.get('error')).toBe('unauthorized_client');

    const desktopAttempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const repeated = await testbed.call('GET', `${authorizationUrl(testbed.as, desktopAttempt)}&scope=read:clusters`);
    expect(new URL(repeated.headers.get('location') ?? '').searchParams.get('error_description')).toBe('The scope parameter is repeated.');
  });

  it('limits requests per address, with a 429 page and Retry-After', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    let response = await testbed.call('GET', authorizationUrl(testbed.as, attempt));
    while (response.status === 200) response = await testbed.call('GET', authorizationUrl(testbed.as, attempt));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.headers.get('pragma')).toBeNull();
    expect(response.text).toContain('<h1>Too many attempts</h1>');
  });

  it('ignores unknown parameters (RFC 6749 §3.1)', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const page = await testbed.call('GET', authorizationUrl(testbed.as, attempt, { nonce: 'n-0S6_WzA2Mj', prompt: 'consent' }));
    expect(page.status).toBe(200);
  });
});

describe('POST /oauth2/authorize (submitAuthorizationDecision)', () => {
  it('sends a denial back as access_denied with the state, and writes nothing', async () => {
    const testbed = await oauthTestbed();
    const before = sandboxState(testbed.sandbox);
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const { response, location } = await consent(testbed, authorizationUrl(testbed.as, attempt), { decision: 'deny' });
    expect(response.status).toBe(302);
    expect(await oauthErrorOf(Promise.resolve().then(() => oauth.validateAuthResponse(testbed.as, desktop, location as URL, attempt.state)))).toBe('access_denied');
    expect(sandboxState(testbed.sandbox)).toBe(before);
  });

  it('shows the page again on a wrong password or a member of another organization, writing nothing', async () => {
    const testbed = await oauthTestbed();
    const before = sandboxState(testbed.sandbox);
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const wrong = await consent(testbed, authorizationUrl(testbed.as, attempt), { username: seeded.grace.username, password: 'guess', decision: 'approve' });
    expect(wrong.response.status).toBe(200);
    expect(wrong.location).toBeUndefined();
    expect(wrong.response.text).toContain('<p role="alert">Email or password is incorrect.</p>');
    expect(wrong.response.text).toContain(`value="${seeded.grace.username}"`);
    const outsider = await consent(testbed, authorizationUrl(testbed.as, attempt), { username: 'lin@loadlab.test', password: 'steady-state-9000', decision: 'approve' });
    expect(outsider.response.text).toContain('DataStack Desktop belongs to Acme Analytics; sign in with an account of that organization.');
    const missing = await consent(testbed, authorizationUrl(testbed.as, attempt), { decision: 'approve' });
    expect(missing.response.text).toContain('Enter your email and password to allow access.');
    expect(sandboxState(testbed.sandbox)).toBe(before);
  });

  it('answers a form with an untrusted redirect URI or no decision with a 400 page', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', loopback, 'read:profile');
    const { page } = await consent(testbed, authorizationUrl(testbed.as, attempt), { decision: 'deny' });
    const fields = formFields(page.text);
    const forged = await testbed.call('POST', '/oauth2/authorize', { form: { ...fields, redirect_uri: 'https://evil.test/cb', decision: 'approve', ...seeded.grace } });
    expect(forged.status).toBe(400);
    expect(forged.headers.get('location')).toBeNull();
    const undecided = await testbed.call('POST', '/oauth2/authorize', { form: fields });
    expect(undecided.status).toBe(400);
    expect(undecided.text).toContain('decision must be approve or deny.');
    const empty = await testbed.call('POST', '/oauth2/authorize', { form: {} });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });
});

describe('POST /oauth2/token: authorization_code', () => {
  it('refuses a wrong code_verifier with invalid_grant, and the code still works with the right one', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    expect(await oauthErrorOf(redeem(testbed, callback, attempt.redirectUri, oauth.generateRandomCodeVerifier()))).toBe('invalid_grant');
    await expect(redeem(testbed, callback, attempt.redirectUri, attempt.verifier)).resolves.toMatchObject({ token_type: 'bearer' });
  });

  it('refuses another redirect_uri than the authorization request used', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    expect(await oauthErrorOf(redeem(testbed, callback, 'http://localhost:3000/oauth/callback', attempt.verifier))).toBe('invalid_grant');
  });

  it('refuses a replayed code with invalid_grant and revokes every token it issued', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    const tokens = await redeem(testbed, callback, attempt.redirectUri, attempt.verifier);
    expect((await testbed.call('GET', '/v1/me', { token: tokens.access_token })).status).toBe(200);
    const replay = await testbed.call('POST', '/oauth2/token', {
      form: { grant_type: 'authorization_code', code: callback.get('code') ?? '', redirect_uri: attempt.redirectUri, code_verifier: attempt.verifier, client_id: 'cli_desktop' },
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual({
      error: 'invalid_grant',
      error_description: 'This authorization code was already used. The tokens issued for it have been revoked; sign in again.',
    });
    expect((await testbed.call('GET', '/v1/me', { token: tokens.access_token })).status).toBe(401);
    const refresh = oauth.refreshTokenGrantRequest(testbed.as, desktop, oauth.None(), tokens.refresh_token ?? '', testbed.options);
    expect(await oauthErrorOf(refresh.then((r) => oauth.processRefreshTokenResponse(testbed.as, desktop, r)))).toBe('invalid_grant');
  });

  it('refuses a code after its 60 seconds', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    testbed.tick(60_000);
    expect(await oauthErrorOf(redeem(testbed, callback, attempt.redirectUri, attempt.verifier))).toBe('invalid_grant');
  });

  it('refuses a code once its user was removed (invalid_grant) or its client deleted (invalid_client)', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    expect((await testbed.call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken })).status).toBe(200);
    expect(await oauthErrorOf(redeem(testbed, callback, attempt.redirectUri, attempt.verifier))).toBe('invalid_grant');

    const other = await oauthTestbed();
    const partner = await addPartnerClient(other.sandbox);
    const partnerClient: oauth.Client = { client_id: partner.clientId };
    const partnerAttempt = await newAttempt(partner.clientId, 'https://partner.test/callback', 'read:profile');
    const { location } = await consent(other, authorizationUrl(other.as, partnerAttempt), { ...seeded.ada, decision: 'approve' });
    const partnerCallback = oauth.validateAuthResponse(other.as, partnerClient, location as URL, partnerAttempt.state);
    expect((await other.call('DELETE', `/v1/oauth-clients/${partner.clientId}`, { token: seeded.adaToken })).status).toBe(204);
    const response = oauth.authorizationCodeGrantRequest(
      other.as,
      partnerClient,
      oauth.ClientSecretBasic(partner.clientSecret),
      partnerCallback,
      partnerAttempt.redirectUri,
      partnerAttempt.verifier,
      other.options,
    );
    expect(await oauthErrorOf(response.then((r) => oauth.processAuthorizationCodeResponse(other.as, partnerClient, r)))).toBe('invalid_client');
  });

  it('refuses a missing or malformed code_verifier with invalid_request, and another client\'s code with invalid_grant', async () => {
    const testbed = await oauthTestbed();
    const { attempt, callback } = await approvedCode(testbed);
    const form = { grant_type: 'authorization_code', code: callback.get('code') ?? '', redirect_uri: attempt.redirectUri, client_id: 'cli_desktop' };
    const missing = await testbed.call('POST', '/oauth2/token', { form });
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'The code_verifier parameter is required (PKCE).' });
    const short = await testbed.call('POST', '/oauth2/token', { form: { ...form, code_verifier: 'abc' } });
    expect(short.body.error).toBe('invalid_request');
    const partner = await addPartnerClient(testbed.sandbox);
    const stolen = await testbed.call('POST', '/oauth2/token', {
      basic: { username: partner.clientId, password: partner.clientSecret },
      form: { grant_type: 'authorization_code', code: form.code, redirect_uri: attempt.redirectUri, code_verifier: attempt.verifier },
    });
    expect(stolen.body).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid, expired or was issued to another client.' });
  });
});
