/**
 * The console's request is exactly what the reader typed: parameters filled from the spec's
 * examples, path values percent-encoded, optional empty values left out, one `Authorization`
 * header per credential kind, and form bodies sent field by field, empty values included.
 * Operations are the real ones, decoded from the generated reference pages.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { type ApiItem, decodeApiItem } from './api-item';
import type { Credential, CredentialKind } from './credentials';
import { type ConsoleOperation, consoleOperation } from './operation';
import { buildRequest, type FormField, initialDraft, type RequestDraft, scopesInBody } from './request-draft';

/** The operation a reference page carries in its front matter (`api:`). */
function pageItem(slug: string): ApiItem {
  const page = new URL(`../../docs/api/${slug}.api.mdx`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(page, 'utf8');
  } catch {
    throw new Error(`${page.pathname} is missing: run \`npm run gen\` to generate the reference pages.`);
  }
  const encoded = /^api: "?([A-Za-z0-9+/=]+)"?$/m.exec(text)?.[1];
  if (!encoded) throw new Error(`${page.pathname} has no \`api:\` front matter.`);
  return decodeApiItem(encoded);
}

const operation = (slug: string): ConsoleOperation => consoleOperation(pageItem(slug));
const getApiKey = operation('get-api-key');
const listApiKeys = operation('list-api-keys');
const createApiKey = operation('create-api-key');
const createToken = operation('create-personal-access-token');
const tokenEndpoint = operation('exchange-credentials-for-access-token');
const startAuthorization = operation('start-authorization');
const removeMember = operation('remove-org-member');
const revokeOwnCredential = operation('revoke-current-credential');
const revokeMemberToken = operation('revoke-member-token');
const getSandbox = operation('get-sandbox');

const baseUrl = 'http://127.0.0.1:4010';
const formType = 'application/x-www-form-urlencoded';
const keySecret = 'sk_test_0Lr0l9lYpx0WuDDdbbeKbnJqqwd4b44I';
const clientSecret = 'dscs_rUYkGISVTJnsXg4R7dB2aMx2mChj-ezmaQ0yiD7XH_K';

const credential = (kind: CredentialKind, secret: string, username?: string): Credential => ({
  id: `test:${kind}`,
  kind,
  label: kind,
  server: baseUrl,
  secret,
  username,
  scopes: null,
});

const withParams = (op: ConsoleOperation, params: Record<string, string>): RequestDraft => {
  const draft = initialDraft(op);
  return { ...draft, params: { ...draft.params, ...params } };
};
const withForm = (form: FormField[]): RequestDraft => ({ ...initialDraft(tokenEndpoint), form });
const withJson = (json: string): RequestDraft => ({ ...initialDraft(createApiKey), json });

/** The built request, failing the test with the problem when there is one. */
function built(op: ConsoleOperation, draft: RequestDraft, chosen?: Credential) {
  const result = buildRequest(op, draft, baseUrl, chosen);
  if (!result.ok) throw new Error(`expected a request, got: ${result.problem}`);
  return result.request;
}

describe('initialDraft', () => {
  it('prefills a path parameter from its schema example and leaves an optional enum header empty', () => {
    expect(initialDraft(getApiKey).params).toEqual({ 'path:keyId': 'key_ingest', 'header:x-datastack-scope': '' });
  });

  it("prefers the parameter's own example to its schema's", () => {
    expect(initialDraft(removeMember).params['path:userId']).toBe('usr_grace');
  });

  it('prefills the member-token page with a token of that member, so its example succeeds', () => {
    const { params } = initialDraft(revokeMemberToken);
    expect([params['path:userId'], params['path:tokenId']]).toEqual(['usr_grace', 'tok_graceRead']);
  });

  it('prefills a query parameter from its schema default, and leaves one without any empty', () => {
    const { params } = initialDraft(listApiKeys);
    expect(params['query:limit']).toBe('20');
    expect(params['query:cursor']).toBe('');
  });

  it('prefills a required enum parameter without an example with its first allowed value', () => {
    expect(initialDraft(startAuthorization).params['query:response_type']).toBe('code');
  });

  it('starts the JSON body from the first example, pretty-printed', () => {
    const draft = initialDraft(createApiKey);
    expect(draft.exampleId).toBe('testKey');
    expect(draft.json).toBe(
      ['{', '  "name": "Billing export",', '  "scopes": [', '    "read:clusters"', '  ],', '  "environment": "test",', '  "restricted": false', '}'].join('\n'),
    );
  });

  it('starts from the example the reader picks by id', () => {
    const draft = initialDraft(createApiKey, 'liveKey');
    expect(draft.exampleId).toBe('liveKey');
    expect(JSON.parse(draft.json)).toEqual({ name: 'Production ingest', scopes: ['manage:clusters'], environment: 'live' });
  });

  it('falls back to the first example for an unknown id', () => {
    expect(initialDraft(createApiKey, 'noSuchExample').exampleId).toBe('testKey');
  });

  it("lists form fields in the example's order", () => {
    expect(initialDraft(tokenEndpoint).form).toEqual([
      { name: 'grant_type', value: 'authorization_code' },
      { name: 'code', value: 'bl5N5RgWCZ6WE6XUOy2CH6HJEwBZjPLQqe6uYmYhkQC' },
      { name: 'redirect_uri', value: 'http://127.0.0.1:8765/callback' },
      { name: 'code_verifier', value: 'UZYHtaLSXLxC8kVE8P-EGu9uAmb7oUMy3oWwKgDlq6E' },
      { name: 'client_id', value: 'cli_desktop' },
    ]);
    expect(initialDraft(tokenEndpoint, 'clientCredentials').form.map((field) => field.name)).toEqual([
      'grant_type',
      'scope',
      'client_id',
      'client_secret',
    ]);
  });
});

describe('buildRequest: parameters', () => {
  it('substitutes path parameters into the URL', () => {
    const request = built(getApiKey, initialDraft(getApiKey));
    expect(request).toEqual({ method: 'GET', url: `${baseUrl}/v1/api-keys/key_ingest`, headers: [] });
  });

  it('percent-encodes a path parameter, slashes and spaces included', () => {
    const request = built(getApiKey, withParams(getApiKey, { 'path:keyId': 'key/../x y' }));
    expect(request.url).toBe(`${baseUrl}/v1/api-keys/key%2F..%2Fx%20y`);
  });

  it('refuses an empty path parameter, naming it', () => {
    expect(buildRequest(getApiKey, withParams(getApiKey, { 'path:keyId': '' }), baseUrl)).toEqual({
      ok: false,
      problem: 'Fill in the path parameter `keyId`.',
    });
  });

  it('leaves out optional query parameters left empty', () => {
    expect(built(listApiKeys, initialDraft(listApiKeys)).url).toBe(`${baseUrl}/v1/api-keys?limit=20`);
  });

  it('refuses a required query parameter left empty, naming it', () => {
    expect(buildRequest(startAuthorization, withParams(startAuthorization, { 'query:state': '' }), baseUrl)).toEqual({
      ok: false,
      problem: 'Fill in the query parameter `state`.',
    });
  });

  it('form-encodes query values, in the order the spec lists them', () => {
    expect(built(startAuthorization, initialDraft(startAuthorization)).url).toBe(
      `${baseUrl}/oauth2/authorize?response_type=code&client_id=cli_desktop` +
        '&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&scope=read%3Aprofile+read%3Aclusters+offline_access' +
        '&state=JQQDnGjtTa_FdJon63YOhg&code_challenge=wWCoBkaS8BTwUMjSgdBmGLjdCbqTPnq5jISDjVPGIdQ&code_challenge_method=S256',
    );
  });
});

describe('buildRequest: headers and credentials', () => {
  it('sends header parameters, then Authorization, then Content-Type', () => {
    const draft = withParams(createApiKey, { 'header:x-datastack-scope': 'manage:api-keys' });
    expect(built(createApiKey, draft, credential('bearer', keySecret)).headers).toEqual([
      ['x-datastack-scope', 'manage:api-keys'],
      ['Authorization', `Bearer ${keySecret}`],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('offers a bearer credential for an operation that needs one but no scope (self-revocation), and sends it', () => {
    expect(revokeOwnCredential.entry).toMatchObject({ scope: null, needsCredential: true });
    expect(revokeOwnCredential.credentialKinds).toEqual(['bearer']);
    expect(getSandbox.credentialKinds).toEqual([]);
    expect(built(revokeOwnCredential, initialDraft(revokeOwnCredential), credential('bearer', keySecret)).headers).toEqual([['Authorization', `Bearer ${keySecret}`]]);
  });

  it('sends no Authorization header without a credential', () => {
    expect(built(createApiKey, initialDraft(createApiKey)).headers).toEqual([['Content-Type', 'application/json']]);
  });

  it('authenticates a confidential client with Basic base64(client_id:secret)', () => {
    const request = built(tokenEndpoint, initialDraft(tokenEndpoint), credential('client', clientSecret, 'cli_reporting'));
    const expected = Buffer.from(`cli_reporting:${clientSecret}`).toString('base64');
    expect(request.headers).toEqual([
      ['Authorization', `Basic ${expected}`],
      ['Content-Type', formType],
    ]);
  });

  it('signs a user in with Basic base64(email:password)', () => {
    const request = built(createToken, initialDraft(createToken), credential('password', 'analytical-engine-1843', 'ada@acme.test'));
    expect(request.headers[0]).toEqual(['Authorization', `Basic ${Buffer.from('ada@acme.test:analytical-engine-1843').toString('base64')}`]);
  });

  it('sends a public client as client_id at the end of the form, with no Authorization header', () => {
    const draft = withForm([
      { name: 'grant_type', value: 'refresh_token' },
      { name: 'refresh_token', value: 'dsr_abc' },
    ]);
    const request = built(tokenEndpoint, draft, credential('public-client', '', 'cli_desktop'));
    expect(request.headers).toEqual([['Content-Type', formType]]);
    expect(request.body).toEqual({ mediaType: formType, text: 'grant_type=refresh_token&refresh_token=dsr_abc&client_id=cli_desktop' });
  });

  it('keeps the client_id a reader typed instead of adding the public client’s', () => {
    const request = built(tokenEndpoint, initialDraft(tokenEndpoint), credential('public-client', '', 'cli_other'));
    expect(request.body?.text).toContain('&client_id=cli_desktop');
    expect(request.body?.text).not.toContain('cli_other');
  });
});

describe('buildRequest: bodies', () => {
  it('sends the JSON body exactly as typed', () => {
    const json = '{ "name":"Billing export",\n"scopes": ["read:clusters"] }';
    expect(built(createApiKey, withJson(json)).body).toEqual({ mediaType: 'application/json', text: json });
  });

  it('refuses a body that is not valid JSON, saying so', () => {
    const result = buildRequest(createApiKey, withJson('{"name": "Billing export",}'), baseUrl);
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/^The body is not valid JSON: /) });
  });

  it('refuses an empty JSON body when the operation requires one', () => {
    expect(buildRequest(createApiKey, withJson('  \n'), baseUrl)).toEqual({ ok: false, problem: 'This operation needs a JSON body.' });
  });

  it('sends exactly the form fields typed: their order, repeats and empty values as name=', () => {
    const draft = withForm([
      { name: 'scope', value: '' },
      { name: 'grant_type', value: 'client_credentials' },
      { name: 'client_id', value: 'cli_reporting' },
      { name: 'scope', value: 'read:clusters read:workspaces' },
      { name: 'client_secret', value: '' },
    ]);
    expect(built(tokenEndpoint, draft).body?.text).toBe(
      'scope=&grant_type=client_credentials&client_id=cli_reporting&scope=read%3Aclusters+read%3Aworkspaces&client_secret=',
    );
  });
});

describe('scopesInBody', () => {
  it('reads the scopes of the example body', () => {
    expect(scopesInBody(initialDraft(createApiKey))).toEqual(['read:clusters']);
  });

  it('collects known scopes anywhere in the body, each once, in the order first seen', () => {
    const json = JSON.stringify({ scopes: ['read:clusters', 'manage:clusters', 'read:clusters'], nested: { also: ['read:workspaces'] } });
    expect(scopesInBody(withJson(json))).toEqual(['read:clusters', 'manage:clusters', 'read:workspaces']);
  });

  it('ignores offline_access and strings that are not scopes', () => {
    const json = JSON.stringify({ name: 'Billing export', allowed_scopes: ['offline_access', 'read:everything', 'read:profile'] });
    expect(scopesInBody(withJson(json))).toEqual(['read:profile']);
  });

  it('leaves out all-apis, which the personal access token it is for may not hold', () => {
    const json = JSON.stringify({ name: 'Ops portal', allowed_scopes: ['all-apis', 'read:jobs'] });
    expect(scopesInBody(withJson(json))).toEqual(['read:jobs']);
  });

  it('finds none in a body that is not JSON', () => {
    expect(scopesInBody(withJson('{"scopes": ["read:clusters"'))).toEqual([]);
  });
});
