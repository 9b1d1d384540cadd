import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';
import { desktopFamily, noStore, partnerGrant, reportingBasic } from '../../test/support/oauth.fixtures';

describe('POST /oauth2/revoke (revokeToken)', () => {
  it('revokes a refresh token and its whole family; the answer is 200 with no body', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const response = await call('POST', '/oauth2/revoke', {
      form: { token: family.refreshToken ?? '', token_type_hint: 'refresh_token', client_id: 'cli_desktop' },
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect((await call('GET', '/v1/me', { token: family.accessToken })).status).toBe(401);
    const refresh = await call('POST', '/oauth2/token', { form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop' } });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('revokes just the access token, whatever the hint says; the refresh token still works', async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const response = await call('POST', '/oauth2/revoke', { form: { token: family.accessToken, token_type_hint: 'refresh_token', client_id: 'cli_desktop' } });
    expect(response.status).toBe(200);
    const me = await call('GET', '/v1/me', { token: family.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.message).toBe('The credential was revoked.');
    const refresh = await call('POST', '/oauth2/token', { form: { grant_type: 'refresh_token', refresh_token: family.refreshToken ?? '', client_id: 'cli_desktop' } });
    expect(refresh.status).toBe(200);
  });

  it("answers 200 for unknown and other clients' tokens without revoking them", async () => {
    const { call, sandbox } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const foreign = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: family.refreshToken ?? '' } });
    expect(foreign.status).toBe(200);
    const foreignAccess = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: family.accessToken } });
    expect(foreignAccess.status).toBe(200);
    const unknown = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: 'not-a-token-at-all' } });
    expect(unknown.status).toBe(200);
    expect((await call('GET', '/v1/me', { token: family.accessToken })).status).toBe(200);
    expect(sandbox.store.refreshTokens.values().every((token) => token.revokedAt === null)).toBe(true);
  });

  it('revokes a client-credentials token for its confidential client', async () => {
    const { call } = await testSandbox();
    const issued = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    const response = await call('POST', '/oauth2/revoke', {
      form: { token: issued.body.access_token, client_id: seeded.reporting.clientId, client_secret: seeded.reporting.clientSecret },
    });
    expect(response.status).toBe(200);
    const introspected = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: { token: issued.body.access_token } });
    expect(introspected.body).toEqual({ active: false });
  });

  it('refuses personal access tokens, API keys and unknown hints with unsupported_token_type', async () => {
    const { call } = await testSandbox();
    const pat = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: seeded.adaToken } });
    expect(pat.status).toBe(400);
    expect(pat.body).toEqual({ error: 'unsupported_token_type', error_description: 'Personal access tokens are revoked with DELETE /v1/tokens/{tokenId}, or by the token itself with DELETE /v1/me/credential.' });
    const key = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: seeded.ingestKey } });
    expect(key.body).toEqual({ error: 'unsupported_token_type', error_description: 'API keys are revoked with DELETE /v1/api-keys/{keyId}, or by the key itself with DELETE /v1/me/credential.' });
    const hint = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: 'dsa_x', token_type_hint: 'id_token' } });
    expect(hint.body).toEqual({
      error: 'unsupported_token_type',
      error_description: 'token_type_hint must be access_token or refresh_token; no other token type is revoked here.',
    });
    expect((await call('GET', '/v1/me', { token: seeded.adaToken })).status).toBe(200);
  });

  it('refuses a missing token with invalid_request and bad client authentication with 401', async () => {
    const { call } = await testSandbox();
    const missing = await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token_type_hint: 'access_token' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'The token parameter is required.' });
    const wrong = await call('POST', '/oauth2/revoke', { basic: { username: 'cli_reporting', password: 'nope' }, form: { token: 'dsa_x' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="datastack-oauth"');
    const anonymous = await call('POST', '/oauth2/revoke', { form: { token: 'dsa_x' } });
    expect(anonymous.status).toBe(401);
    const broken = await call('POST', '/oauth2/revoke', { body: '%%%&&=', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('invalid_request');
  });
});

describe('POST /oauth2/introspect (introspectToken)', () => {
  it('describes an active client-credentials token', async () => {
    const { call, sandbox } = await testSandbox();
    const issued = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials', scope: 'read:clusters' } });
    const response = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: { token: issued.body.access_token, token_type_hint: 'access_token' } });
    expect(response.status).toBe(200);
    expect(noStore(response.headers)).toEqual(['no-store', 'no-cache']);
    const now = Math.floor(sandbox.clock.now() / 1000);
    expect(response.body).toEqual({
      active: true,
      scope: 'read:clusters',
      client_id: 'cli_reporting',
      sub: 'cli_reporting',
      org_id: 'org_acme',
      token_type: 'Bearer',
      exp: expect.any(Number),
      iat: expect.any(Number),
      iss: 'https://sandbox.datastack.test',
      aud: 'datastack-api',
    });
    expect(response.body.iat).toBeLessThanOrEqual(now);
    expect(response.body.exp - response.body.iat).toBe(3600);
  });

  it("describes a user's access and refresh tokens to their client", async () => {
    const { call, sandbox } = await testSandbox();
    const { partner, family } = await partnerGrant(sandbox);
    const basic = { username: partner.clientId, password: partner.clientSecret };
    const access = await call('POST', '/oauth2/introspect', { basic, form: { token: family.accessToken } });
    expect(access.body).toMatchObject({
      active: true,
      scope: 'read:clusters offline_access',
      client_id: 'cli_partner',
      username: 'grace@acme.test',
      sub: 'usr_grace',
      token_type: 'Bearer',
    });
    const refresh = await call('POST', '/oauth2/introspect', { basic, form: { token: family.refreshToken ?? '', token_type_hint: 'access_token' } });
    expect(refresh.body).toMatchObject({ active: true, token_type: 'refresh_token', sub: 'usr_grace', username: 'grace@acme.test' });
    expect(refresh.body.exp - refresh.body.iat).toBe(30 * 86_400);
  });

  it("answers only {active:false} for unknown, other clients', expired, revoked tokens and other credentials", async () => {
    const { call, sandbox, tick } = await testSandbox();
    const family = await desktopFamily(sandbox);
    const issued = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    const inactive = async (token: string) => {
      const response = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: { token } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ active: false });
    };
    await inactive(`dsa_${'B'.repeat(43)}`);
    await inactive(family.accessToken);
    await inactive(family.refreshToken ?? '');
    await inactive(seeded.adaToken);
    await inactive(seeded.ingestKey);
    await call('POST', '/oauth2/revoke', { basic: reportingBasic, form: { token: issued.body.access_token } });
    await inactive(issued.body.access_token);

    const fresh = await call('POST', '/oauth2/token', { basic: reportingBasic, form: { grant_type: 'client_credentials' } });
    tick(3600 * 1000);
    await inactive(fresh.body.access_token);
  });

  it('refuses public clients and missing authentication with 401, and a bad request with 400', async () => {
    const { call } = await testSandbox();
    const publicClient = await call('POST', '/oauth2/introspect', { form: { token: 'dsa_x', client_id: 'cli_desktop' } });
    expect(publicClient.status).toBe(401);
    expect(publicClient.body).toEqual({
      error: 'invalid_client',
      error_description: 'This endpoint requires client authentication; public clients cannot use it.',
    });
    const anonymous = await call('POST', '/oauth2/introspect', { form: { token: 'dsa_x' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_description).toBe('Client authentication is required: send HTTP Basic credentials or client_id and client_secret.');
    const missing = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: {} });
    expect(missing.status).toBe(400);
    const hint = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: { token: 'dsa_x', token_type_hint: 'id_token' } });
    expect(hint.status).toBe(400);
    expect(hint.body).toEqual({ error: 'invalid_request', error_description: 'token_type_hint must be access_token or refresh_token.' });
    const long = await call('POST', '/oauth2/introspect', { basic: reportingBasic, form: { token: 'x'.repeat(513) } });
    expect(long.body).toEqual({ error: 'invalid_request', error_description: 'The token parameter must be at most 512 printable ASCII characters.' });
  });
});
