import { describe, expect, it } from 'vitest';

import { ApiError } from '../errors';
import { Sandbox } from '../sandbox';
import { seed } from '../seed';
import { authenticateClient, claimedClientId, clientAuthMethods, parseBasicClientCredentials } from './client-auth';

const reportingSecret = seed.clients.find((client) => client.id === 'cli_reporting')?.secret ?? '';
const basic = (id: string, secret: string): string => `Basic ${btoa(`${id}:${secret}`)}`;

async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseBasicClientCredentials (RFC 6749 §2.3.1)', () => {
  it('form-urlencoding is undone on both halves, + included', () => {
    expect(parseBasicClientCredentials(basic('cli_a%3Ab', 'p%40ss+word%2B'))).toEqual({ clientId: 'cli_a:b', secret: 'p@ss word+' });
    expect(parseBasicClientCredentials(`basic  ${btoa('cli_abc:s3cret')}`)).toEqual({ clientId: 'cli_abc', secret: 's3cret' });
  });

  it('refuses what is not base64 of id:secret with invalid_client', () => {
    for (const header of ['Basic !!!', `Basic ${btoa('cli_abc')}`, basic('', 'x'), basic('cli_abc', '%zz')]) {
      expect(() => parseBasicClientCredentials(header)).toThrow(ApiError);
    }
  });
});

describe('claimedClientId (before verification)', () => {
  const assertion = (claims: object): string => `${btoa('{"alg":"HS256"}')}.${btoa(JSON.stringify(claims))}.c2ln`.replace(/=/g, '');

  it('names the Basic client (form-decoded), else the form client_id, else the assertion iss', () => {
    expect(claimedClientId({ authorization: basic('cli_a%3Ab', 'x'), params: { client_id: 'cli_other' } })).toBe('cli_a:b');
    expect(claimedClientId({ authorization: undefined, params: { client_id: 'cli_desktop', client_assertion: assertion({ iss: 'cli_x' }) } })).toBe('cli_desktop');
    expect(claimedClientId({ authorization: null, params: { client_assertion: assertion({ iss: 'cli_reporting' }) } })).toBe('cli_reporting');
    // Another scheme is no client authentication: the form still names the client.
    expect(claimedClientId({ authorization: 'Bearer abc', params: { client_id: 'cli_desktop' } })).toBe('cli_desktop');
  });

  it('names no client, and never throws, for what parseBasicClientCredentials refuses or an assertion that is not a JWT', () => {
    const refused = ['Basic !!!', `Basic ${btoa('cli_reporting')}`, basic('cli_reporting', ''), basic('cli_%zz', 'x'), `Basic ${btoa('cli_\xff:x')}`];
    for (const authorization of refused) {
      expect(() => parseBasicClientCredentials(authorization)).toThrow(ApiError);
      // A malformed Basic header is not overridden by the form: the request named no client.
      expect(claimedClientId({ authorization, params: { client_id: 'cli_desktop' } })).toBeUndefined();
    }
    expect(claimedClientId({ authorization: undefined, params: { client_assertion: 'not-a-jwt' } })).toBeUndefined();
    expect(claimedClientId({ authorization: undefined, params: { client_assertion: assertion({ iss: 42 }) } })).toBeUndefined();
    expect(claimedClientId({ authorization: undefined, params: {} })).toBeUndefined();
  });
});

describe('authenticateClient', () => {
  it('accepts Basic and form secrets for a confidential client, and client_id alone for a public one where allowed', async () => {
    const sandbox = await Sandbox.create();
    const viaBasic = await authenticateClient(sandbox, { authorization: basic('cli_reporting', reportingSecret), params: {} }, 'introspection');
    expect(viaBasic).toMatchObject({ client: { id: 'cli_reporting' }, method: 'client_secret_basic' });
    const viaPost = await authenticateClient(sandbox, { authorization: undefined, params: { client_id: 'cli_reporting', client_secret: reportingSecret } }, 'token');
    expect(viaPost.method).toBe('client_secret_post');
    const publicClient = await authenticateClient(sandbox, { authorization: null, params: { client_id: 'cli_desktop' } }, 'revocation');
    expect(publicClient).toMatchObject({ client: { id: 'cli_desktop' }, method: 'none' });
  });

  it('refuses a public client at introspection, which requires authentication', async () => {
    const sandbox = await Sandbox.create();
    expect(clientAuthMethods.introspection).not.toContain('none');
    expect(await refusal(() => authenticateClient(sandbox, { authorization: null, params: { client_id: 'cli_desktop' } }, 'introspection'))).toEqual({
      code: 'invalid_client',
      message: 'This endpoint requires client authentication; public clients cannot use it.',
    });
  });

  it('says nothing about which half was wrong, and treats a malformed client_id as unknown', async () => {
    const sandbox = await Sandbox.create();
    for (const [id, secret] of [
      ['cli_reporting', 'dscs_wrong'],
      ['cli_unknown', reportingSecret],
      ['not a client id', reportingSecret],
    ] as const) {
      expect(await refusal(() => authenticateClient(sandbox, { authorization: null, params: { client_id: id, client_secret: secret } }, 'token'))).toEqual({
        code: 'invalid_client',
        message: 'Client authentication failed.',
      });
    }
  });

  it('refuses a client whose organization is gone', async () => {
    const sandbox = await Sandbox.create();
    sandbox.store.orgs.delete('org_acme');
    expect((await refusal(() => authenticateClient(sandbox, { authorization: basic('cli_reporting', reportingSecret), params: {} }, 'token'))).code).toBe(
      'invalid_client',
    );
  });

  it('refuses client_secret without client_id with invalid_request', async () => {
    const sandbox = await Sandbox.create();
    expect(await refusal(() => authenticateClient(sandbox, { authorization: null, params: { client_secret: reportingSecret } }, 'token'))).toEqual({
      code: 'invalid_request',
      message: 'client_secret must come with client_id (client_secret_post).',
    });
  });
});
