/**
 * Every OAuth flow of the sandbox, end to end, with oauth4webapi as the client: no special cases
 * for the mock, and every response checked against the spec.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { seeded } from '../../test/support/client';
import { addPartnerClient } from '../../test/support/oauth.fixtures';
import { authorizationUrl, consent, issuer, newAttempt, oauthErrorOf, oauthTestbed } from '../../test/support/oauth-flows.support';

const desktop: oauth.Client = { client_id: 'cli_desktop' };
const reporting: oauth.Client = { client_id: seeded.reporting.clientId };

describe('discovery', () => {
  it('oauth4webapi accepts the metadata and finds every endpoint it needs', async () => {
    const { as } = await oauthTestbed();
    expect(as.issuer).toBe(issuer.href.replace(/\/$/, ''));
    expect(as).toMatchObject({
      authorization_endpoint: 'https://sandbox.datastack.test/oauth2/authorize',
      token_endpoint: 'https://sandbox.datastack.test/oauth2/token',
      device_authorization_endpoint: 'https://sandbox.datastack.test/oauth2/device/code',
      revocation_endpoint: 'https://sandbox.datastack.test/oauth2/revoke',
      introspection_endpoint: 'https://sandbox.datastack.test/oauth2/introspect',
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_signing_alg_values_supported: ['HS256'],
    });
  });
});

describe('authorization code + PKCE, then refresh with rotation (public client)', () => {
  it('signs Grace in through the consent page and acts as her; refresh rotates and a reused refresh token revokes the family', async () => {
    const testbed = await oauthTestbed();
    const { as, options, call } = testbed;
    // RFC 8252 §7.3: the app registered http://127.0.0.1:8765/callback and listens on another port today.
    const attempt = await newAttempt('cli_desktop', 'http://127.0.0.1:51004/callback', 'read:profile read:clusters offline_access');
    const { page, location } = await consent(testbed, authorizationUrl(as, attempt), { ...seeded.grace, decision: 'approve' });
    expect(page.text).toContain('<h1>Allow DataStack Desktop to access your Acme Analytics account?</h1>');
    expect(location?.origin).toBe('http://127.0.0.1:51004');

    const callback = oauth.validateAuthResponse(as, desktop, location as URL, attempt.state);
    const response = await oauth.authorizationCodeGrantRequest(as, desktop, oauth.None(), callback, attempt.redirectUri, attempt.verifier, options);
    const tokens = await oauth.processAuthorizationCodeResponse(as, desktop, response);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'read:profile read:clusters offline_access' });

    const me = await call('GET', '/v1/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: 'usr_grace' }, role: 'member', credential: { kind: 'oauth_access_token' } });

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      desktop,
      await oauth.refreshTokenGrantRequest(as, desktop, oauth.None(), tokens.refresh_token ?? '', options),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await call('GET', '/v1/me', { token: refreshed.access_token })).status).toBe(200);

    const reuse = oauth.refreshTokenGrantRequest(as, desktop, oauth.None(), tokens.refresh_token ?? '', options);
    expect(await oauthErrorOf(reuse.then((r) => oauth.processRefreshTokenResponse(as, desktop, r)))).toBe('invalid_grant');
    expect((await call('GET', '/v1/me', { token: refreshed.access_token })).status).toBe(401);
    const rotatedAway = oauth.refreshTokenGrantRequest(as, desktop, oauth.None(), refreshed.refresh_token ?? '', options);
    expect(await oauthErrorOf(rotatedAway.then((r) => oauth.processRefreshTokenResponse(as, desktop, r)))).toBe('invalid_grant');
  });

  it('issues no refresh token without offline_access', async () => {
    const testbed = await oauthTestbed();
    const attempt = await newAttempt('cli_desktop', 'http://localhost:3000/oauth/callback', 'read:clusters');
    const { location } = await consent(testbed, authorizationUrl(testbed.as, attempt), { ...seeded.ada, decision: 'approve' });
    const callback = oauth.validateAuthResponse(testbed.as, desktop, location as URL, attempt.state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      testbed.as,
      desktop,
      await oauth.authorizationCodeGrantRequest(testbed.as, desktop, oauth.None(), callback, attempt.redirectUri, attempt.verifier, testbed.options),
    );
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('read:clusters');
  });
});

describe('authorization code with a confidential client, introspection and revocation', () => {
  it.each([
    ['client_secret_basic', oauth.ClientSecretBasic],
    ['client_secret_post', oauth.ClientSecretPost],
    ['client_secret_jwt', oauth.ClientSecretJwt],
  ] as const)('redeems the code with %s, introspects and revokes the token', async (_method, auth) => {
    const testbed = await oauthTestbed();
    const { as, options, sandbox } = testbed;
    const { clientId, clientSecret } = await addPartnerClient(sandbox);
    const partner: oauth.Client = { client_id: clientId };
    const attempt = await newAttempt(clientId, 'https://partner.test/callback', 'read:clusters offline_access');
    const { location } = await consent(testbed, authorizationUrl(as, attempt), { ...seeded.ada, decision: 'approve' });
    const callback = oauth.validateAuthResponse(as, partner, location as URL, attempt.state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      partner,
      await oauth.authorizationCodeGrantRequest(as, partner, auth(clientSecret), callback, attempt.redirectUri, attempt.verifier, options),
    );

    const basic = oauth.ClientSecretBasic(clientSecret);
    const introspect = async (token: string) =>
      oauth.processIntrospectionResponse(as, partner, await oauth.introspectionRequest(as, partner, basic, token, options));
    expect(await introspect(tokens.access_token)).toMatchObject({ active: true, client_id: clientId, username: 'ada@acme.test', scope: 'read:clusters offline_access' });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, partner, oauth.ClientSecretPost(clientSecret), tokens.refresh_token ?? '', options));
    expect(await introspect(tokens.access_token)).toEqual({ active: false });
    expect(await introspect(tokens.refresh_token ?? '')).toEqual({ active: false });
  });
});

describe('client credentials with each client authentication method', () => {
  it.each([
    ['client_secret_basic', oauth.ClientSecretBasic],
    ['client_secret_post', oauth.ClientSecretPost],
    ['client_secret_jwt', oauth.ClientSecretJwt],
  ] as const)('%s', async (_method, auth) => {
    const { as, options, call } = await oauthTestbed();
    const response = await oauth.clientCredentialsGrantRequest(as, reporting, auth(seeded.reporting.clientSecret), { scope: 'read:clusters' }, options);
    const tokens = await oauth.processClientCredentialsResponse(as, reporting, response);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read:clusters', expires_in: 3600 });
    expect((await call('GET', '/v1/clusters', { token: tokens.access_token })).status).toBe(200);
  });

  it('refuses a client JWT signed with the wrong secret, sent twice, or for another audience with invalid_client', async () => {
    const { as, options } = await oauthTestbed();
    const grant = (auth: oauth.ClientAuth) =>
      oauthErrorOf(oauth.clientCredentialsGrantRequest(as, reporting, auth, {}, options).then((r) => oauth.processClientCredentialsResponse(as, reporting, r)));
    expect(await grant(oauth.ClientSecretJwt('dscs_notTheSecret0123456789abcdefghijklmnopqrstu'))).toBe('invalid_client');
    const elsewhere = oauth.ClientSecretJwt(seeded.reporting.clientSecret, {
      [oauth.modifyAssertion]: (_header, payload) => {
        payload.aud = 'https://elsewhere.test';
      },
    });
    expect(await grant(elsewhere)).toBe('invalid_client');
    let jti = '';
    const fixedJti = oauth.ClientSecretJwt(seeded.reporting.clientSecret, {
      [oauth.modifyAssertion]: (_header, payload) => {
        jti ||= String(payload.jti);
        payload.jti = jti;
      },
    });
    await oauth.processClientCredentialsResponse(as, reporting, await oauth.clientCredentialsGrantRequest(as, reporting, fixedJti, {}, options));
    expect(await grant(fixedJti)).toBe('invalid_client');
  });
});

describe('device authorization (RFC 8628)', () => {
  it('polls pending, slows down, and gets the tokens once the user approves, acting as that user in that org', async () => {
    const testbed = await oauthTestbed();
    const { as, options, call, tick } = testbed;
    const started = await oauth.processDeviceAuthorizationResponse(
      as,
      desktop,
      await oauth.deviceAuthorizationRequest(as, desktop, oauth.None(), { scope: 'read:profile read:clusters offline_access' }, options),
    );
    expect(started).toMatchObject({
      verification_uri: 'https://sandbox.datastack.test/device',
      verification_uri_complete: `https://sandbox.datastack.test/device?user_code=${started.user_code}`,
      expires_in: 600,
      interval: 5,
    });
    const poll = async () =>
      oauth.processDeviceCodeResponse(as, desktop, await oauth.deviceCodeGrantRequest(as, desktop, oauth.None(), started.device_code, options));

    expect(await oauthErrorOf(poll())).toBe('authorization_pending');
    expect(await oauthErrorOf(poll())).toBe('slow_down');
    tick(5_000);
    // The interval is now 10 seconds (§3.5): 5 seconds later is still too fast.
    expect(await oauthErrorOf(poll())).toBe('slow_down');
    tick(15_000);
    expect(await oauthErrorOf(poll())).toBe('authorization_pending');

    const page = await call('GET', `/device?user_code=${started.user_code.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('DataStack Desktop asks to act as you in Acme Analytics');
    expect(page.text).toContain('<option value="org_acme">Acme Analytics</option>');
    const approved = await call('POST', '/device', {
      form: { user_code: started.user_code, ...seeded.grace, org_id: 'org_acme', decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.text).toContain('DataStack Desktop can now act as Grace Hopper in Acme Analytics.');

    tick(20_000);
    const tokens = await poll();
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read:profile read:clusters offline_access' });
    const me = await call('GET', '/v1/me', { token: tokens.access_token });
    expect(me.body).toMatchObject({ user: { id: 'usr_grace' }, org: { id: 'org_acme' }, role: 'member' });
    tick(20_000);
    expect(await oauthErrorOf(poll())).toBe('invalid_grant');
  });

  it('answers access_denied after the user cancels, and expired_token after ten minutes', async () => {
    const { as, options, call, tick } = await oauthTestbed();
    const start = async () =>
      oauth.processDeviceAuthorizationResponse(as, desktop, await oauth.deviceAuthorizationRequest(as, desktop, oauth.None(), {}, options));
    const poll = async (deviceCode: string) =>
      oauth.processDeviceCodeResponse(as, desktop, await oauth.deviceCodeGrantRequest(as, desktop, oauth.None(), deviceCode, options));

    const denied = await start();
    const cancel = await call('POST', '/device', { form: { user_code: denied.user_code, decision: 'deny' } });
    expect(cancel.status).toBe(200);
    expect(cancel.text).toContain('<h1>Sign-in cancelled</h1>');
    expect(await oauthErrorOf(poll(denied.device_code))).toBe('access_denied');

    const expired = await start();
    tick(600_000);
    expect(await oauthErrorOf(poll(expired.device_code))).toBe('expired_token');
  });
});
