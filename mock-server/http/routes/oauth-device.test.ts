/**
 * The device authorization endpoint, the verification page and the device code grant's refusals.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { storeCaps } from '../../core/store';
import { seeded } from '../../test/support/client';
import { sandboxState } from '../../test/support/state';
import { noStore, reportingBasic } from '../../test/support/oauth.fixtures';
import { type OAuthTestbed, oauthErrorOf, oauthTestbed } from '../../test/support/oauth-flows.support';

const desktop: oauth.Client = { client_id: 'cli_desktop' };

async function startDevice(testbed: OAuthTestbed, scope?: string) {
  const response = await oauth.deviceAuthorizationRequest(testbed.as, desktop, oauth.None(), scope === undefined ? {} : { scope }, testbed.options);
  return oauth.processDeviceAuthorizationResponse(testbed.as, desktop, response);
}

const poll = async (testbed: OAuthTestbed, deviceCode: string) =>
  oauth.processDeviceCodeResponse(testbed.as, desktop, await oauth.deviceCodeGrantRequest(testbed.as, desktop, oauth.None(), deviceCode, testbed.options));

describe('POST /oauth2/device/code (requestDeviceAuthorization)', () => {
  it('issues a device code and a user code of eight consonants, never cached; by default every scope the client may have', async () => {
    const testbed = await oauthTestbed();
    const response = await testbed.call('POST', '/oauth2/device/code', { form: { client_id: 'cli_desktop' } });
    expect(response.status).toBe(200);
    expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    expect(response.body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    const [stored] = testbed.sandbox.store.deviceAuthorizations.values();
    expect(stored).toMatchObject({ clientId: 'cli_desktop', scopes: ['read:profile', 'read:clusters', 'manage:clusters', 'read:workspaces'], offline: true });
    expect(JSON.stringify(testbed.sandbox.persist())).not.toContain(response.body.device_code);
  });

  it('builds the verification URIs on the origin called (the Node mock)', async () => {
    const { app } = await oauthTestbed();
    const response = await app.request('http://127.0.0.1:4010/oauth2/device/code', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=cli_desktop',
    });
    expect(((await response.json()) as { verification_uri: string }).verification_uri).toBe('http://127.0.0.1:4010/device');
  });

  it('refuses a client without the device grant (unauthorized_client), an unknown client (invalid_client) and a scope beyond the client (invalid_scope)', async () => {
    const testbed = await oauthTestbed();
    const before = sandboxState(testbed.sandbox);
    const reporting = await testbed.call('POST', '/oauth2/device/code', { basic: reportingBasic, form: { scope: 'read:clusters' } });
    expect(reporting.status).toBe(400);
    expect(reporting.body).toEqual({ error: 'unauthorized_client', error_description: 'cli_reporting may not use the device code grant.' });
    const unknown = await testbed.call('POST', '/oauth2/device/code', { form: { client_id: 'cli_nobody' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
    const scope = await testbed.call('POST', '/oauth2/device/code', { form: { client_id: 'cli_desktop', scope: 'manage:org' } });
    expect(scope.body).toEqual({ error: 'invalid_scope', error_description: 'manage:org is not among the scopes cli_desktop may request.' });
    expect(sandboxState(testbed.sandbox)).toBe(before);
  });

  it(`keeps at most ${storeCaps.pendingAuthorizationsPerClient} sign-ins pending per client, then answers 429 with Retry-After`, async () => {
    const testbed = await oauthTestbed();
    for (let i = 0; i < storeCaps.pendingAuthorizationsPerClient; i++) await startDevice(testbed);
    const refused = await testbed.call('POST', '/oauth2/device/code', { form: { client_id: 'cli_desktop' } });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('temporarily_unavailable');
    expect(refused.headers.get('retry-after')).toBe('60');
    testbed.tick(600_000);
    await startDevice(testbed);
    expect(testbed.sandbox.store.deviceAuthorizations.size).toBe(1);
  });
});

describe('GET /device (showDeviceVerificationPage)', () => {
  it('shows the empty form, strict headers, no external assets', async () => {
    const { call } = await oauthTestbed();
    const page = await call('GET', '/device');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);
    expect(page.text).toContain('<form method="post" action="/device">');
    expect(page.text).toContain('<label for="user_code">Code</label>');
    expect(page.text).not.toMatch(/src=|href=/);
  });

  it('answers a malformed code with 400 and the form, and an unknown one with the form and a message', async () => {
    const { call } = await oauthTestbed();
    const malformed = await call('GET', '/device?user_code=AEIO-UAEI');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('<p role="alert">That code does not look right. Codes have eight letters, like WDJB-MJHT.</p>');
    const pattern = await call('GET', '/device?user_code=12');
    expect(pattern.status).toBe(400);
    expect(pattern.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const unknown = await call('GET', '/device?user_code=BCDF-GHJK');
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('No device sign-in is waiting for this code');
  });
});

describe('POST /device (submitDeviceVerification)', () => {
  it('shows the form again on a wrong password or no organization, writing nothing', async () => {
    const testbed = await oauthTestbed();
    const { user_code: userCode } = await startDevice(testbed);
    const before = sandboxState(testbed.sandbox);
    const wrong = await testbed.call('POST', '/device', { form: { user_code: userCode, username: seeded.grace.username, password: 'guess', org_id: 'org_acme', decision: 'approve' } });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('<p role="alert">Email or password is incorrect.</p>');
    const noOrg = await testbed.call('POST', '/device', { form: { user_code: userCode, ...seeded.grace, decision: 'approve' } });
    expect(noOrg.status).toBe(200);
    expect(noOrg.text).toContain('Choose the organization the device will act in.');
    expect(sandboxState(testbed.sandbox)).toBe(before);
  });

  it('refuses an organization the user is not in, a user of another organization and an unknown code with a 400 page, writing nothing', async () => {
    const testbed = await oauthTestbed();
    const { user_code: userCode } = await startDevice(testbed);
    const before = sandboxState(testbed.sandbox);
    const otherOrg = await testbed.call('POST', '/device', { form: { user_code: userCode, ...seeded.grace, org_id: 'org_loadlab', decision: 'approve' } });
    expect(otherOrg.status).toBe(400);
    expect(otherOrg.text).toContain('You are not a member of that organization.');
    const lin = await testbed.call('POST', '/device', {
      form: { user_code: userCode, username: 'lin@loadlab.test', password: 'steady-state-9000', org_id: 'org_loadlab', decision: 'approve' },
    });
    expect(lin.status).toBe(400);
    expect(lin.text).toContain('DataStack Desktop is registered in another organization and cannot act in yours.');
    const unknown = await testbed.call('POST', '/device', { form: { user_code: 'BCDF-GHJK', decision: 'deny' } });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('This code is not valid');
    expect(sandboxState(testbed.sandbox)).toBe(before);
  });

  it('accepts the code in any case and without the dash, once', async () => {
    const testbed = await oauthTestbed();
    const { user_code: userCode } = await startDevice(testbed);
    const typed = userCode.replace('-', '').toLowerCase();
    const approved = await testbed.call('POST', '/device', { form: { user_code: typed, ...seeded.ada, org_id: 'org_acme', decision: 'approve' } });
    expect(approved.status).toBe(200);
    const again = await testbed.call('POST', '/device', { form: { user_code: typed, ...seeded.ada, org_id: 'org_acme', decision: 'approve' } });
    expect(again.status).toBe(400);
  });
});

describe('POST /oauth2/token: device_code', () => {
  it('refuses another client\'s or an unknown device code with invalid_grant', async () => {
    const testbed = await oauthTestbed();
    const { device_code: deviceCode } = await startDevice(testbed);
    expect(await oauthErrorOf(poll(testbed, 'not-a-device-code'))).toBe('invalid_grant');
    const partner = testbed.sandbox.store.clients.get('cli_desktop');
    if (!partner) throw new Error('seed changed');
    testbed.sandbox.store.clients.put({ ...partner, id: 'cli_otherDesktop' });
    const other: oauth.Client = { client_id: 'cli_otherDesktop' };
    const response = await oauth.deviceCodeGrantRequest(testbed.as, other, oauth.None(), deviceCode, testbed.options);
    expect(await oauthErrorOf(oauth.processDeviceCodeResponse(testbed.as, other, response))).toBe('invalid_grant');
  });

  it('issues nothing once the approving user was removed', async () => {
    const testbed = await oauthTestbed();
    const { device_code: deviceCode, user_code: userCode } = await startDevice(testbed, 'read:profile');
    await testbed.call('POST', '/device', { form: { user_code: userCode, ...seeded.grace, org_id: 'org_acme', decision: 'approve' } });
    expect((await testbed.call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken })).status).toBe(200);
    expect(await oauthErrorOf(poll(testbed, deviceCode))).toBe('invalid_grant');
  });

  it('keeps slowing down up to a 60-second interval', async () => {
    const testbed = await oauthTestbed();
    const { device_code: deviceCode } = await startDevice(testbed);
    for (let i = 0; i < 15; i++) await oauthErrorOf(poll(testbed, deviceCode));
    expect(testbed.sandbox.store.deviceAuthorizations.values()[0]?.intervalSeconds).toBe(60);
    testbed.tick(59_000);
    expect(await oauthErrorOf(poll(testbed, deviceCode))).toBe('slow_down');
    testbed.tick(60_000);
    expect(await oauthErrorOf(poll(testbed, deviceCode))).toBe('authorization_pending');
  });
});
