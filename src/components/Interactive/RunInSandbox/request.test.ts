import { describe, expect, it } from 'vitest';

import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';
import { testSandbox } from '@site/mock-server/test/support/client';
import type { ConsoleRequest } from '@site/src/console/http-request';
import type { SandboxState } from '@site/src/console/seeded';

import { sandboxRequest, seededCredential } from './request';
import { specProblem } from './spec';

async function sandbox() {
  const { app } = await testSandbox();
  const state = (await (await app.request(`${sandboxOrigin}/sandbox`)).json()) as SandboxState;
  /** Sends a built request through the sandbox app, as the page's worker would. */
  const send = async (request: ConsoleRequest) => {
    const response = await app.request(request.url, { method: request.method, headers: request.headers.map(([name, value]): [string, string] => [name, value]), body: request.body?.text });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { state, send };
}

describe('seededCredential', () => {
  it('resolves each kind by the id GET /sandbox gives it, secrets included', async () => {
    const { state } = await sandbox();
    const token = state.tokens.find((candidate) => candidate.id === 'tok_adaCli');
    expect(seededCredential(state, sandboxOrigin, 'tok_adaCli')).toMatchObject({ kind: 'bearer', secret: token?.token });
    expect(seededCredential(state, sandboxOrigin, 'seed:tok_adaCli')).toMatchObject({ kind: 'bearer', secret: token?.token });
    expect(seededCredential(state, sandboxOrigin, 'key_ingest')).toMatchObject({ kind: 'bearer', secret: expect.stringMatching(/^sk_test_/) });
    expect(seededCredential(state, sandboxOrigin, 'cli_reporting')).toMatchObject({ kind: 'client', username: 'cli_reporting' });
    expect(seededCredential(state, sandboxOrigin, 'cli_desktop')).toMatchObject({ kind: 'public-client' });
    expect(seededCredential(state, sandboxOrigin, 'usr_ada')).toMatchObject({ kind: 'password', username: 'ada@acme.test' });
  });

  it('names the ids that exist when one does not', async () => {
    const { state } = await sandbox();
    expect(() => seededCredential(state, sandboxOrigin, 'tok_nobody')).toThrow(/^The sandbox has no seeded credential "tok_nobody"\. It has: tok_adaCli, .*usr_ada/);
  });
});

describe('sandboxRequest', () => {
  it('sends GET /v1/me as a seeded token, and the sandbox answers with its user', async () => {
    const { state, send } = await sandbox();
    const request = sandboxRequest({ method: 'get', path: '/v1/me' }, sandboxOrigin, seededCredential(state, sandboxOrigin, 'tok_adaCli'));
    expect(request).toEqual({ method: 'GET', url: `${sandboxOrigin}/v1/me`, headers: [['Authorization', expect.stringMatching(/^Bearer dsp_/)]] });
    const response = await send(request);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { id: 'usr_ada' } });
  });

  it('sends a JSON body with its content type, Basic for a user', async () => {
    const { state, send } = await sandbox();
    const spec = { method: 'POST', path: '/v1/tokens', body: '{"label":"from the docs","lifetime_days":1,"scopes":["read:profile"]}' };
    const request = sandboxRequest(spec, sandboxOrigin, seededCredential(state, sandboxOrigin, 'usr_ada'));
    expect(request.headers).toEqual([
      ['Authorization', expect.stringMatching(/^Basic /)],
      ['Content-Type', 'application/json'],
    ]);
    expect((await send(request)).status).toBe(201);
  });

  it('sends a form as a client, for the token endpoint', async () => {
    const { state, send } = await sandbox();
    const spec = { method: 'POST', path: '/oauth2/token', form: 'grant_type=client_credentials&scope=read%3Aclusters' };
    const request = sandboxRequest(spec, sandboxOrigin, seededCredential(state, sandboxOrigin, 'cli_reporting'));
    expect(request.body).toEqual({ mediaType: 'application/x-www-form-urlencoded', text: spec.form });
    const response = await send(request);
    expect(response).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: 'read:clusters' } });
  });

  it('sends no Authorization without a credential', () => {
    expect(sandboxRequest({ method: 'GET', path: '/.well-known/oauth-authorization-server' }, sandboxOrigin).headers).toEqual([]);
  });
});

describe('specProblem', () => {
  it('accepts what the page shows', () => {
    expect(specProblem({ method: 'GET', path: '/v1/me', credential: 'tok_adaCli' })).toBeUndefined();
    expect(specProblem({ method: 'post', path: '/v1/clusters?dry=1', body: '{"name":"x"}' })).toBeUndefined();
  });

  it.each([
    [{ method: 'FETCH', path: '/v1/me' }, 'method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, not "FETCH".'],
    [{ method: 'GET', path: 'v1/me' }, 'path must start with a single / and have no spaces, like /v1/me; got "v1/me".'],
    [{ method: 'GET', path: '//evil.example/x' }, 'path must start with a single / and have no spaces, like /v1/me; got "//evil.example/x".'],
    [{ method: 'POST', path: '/x', body: '{}', form: 'a=b' }, 'Give body (JSON) or form, not both.'],
    [{ method: 'GET', path: '/x', body: '{}' }, 'A GET request has no body.'],
    [{ method: 'POST', path: '/x', body: "{name: 'x'}" }, 'body is not valid JSON.'],
    [{ method: 'GET', path: '/x', credential: 'Bearer dsp_x' }, 'credential names a seeded credential by id, like tok_adaCli; got "Bearer dsp_x".'],
  ])('refuses %o', (spec, problem) => {
    expect(specProblem(spec)).toBe(problem);
  });
});
