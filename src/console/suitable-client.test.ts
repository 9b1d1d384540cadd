/** The console's choice of seeded OAuth client, made from what the sandbox publishes at `GET /sandbox`. */
import { describe, expect, it } from 'vitest';

import { testSandbox } from '@site/mock-server/test/support/client';

import type { SandboxState } from './seeded';
import { confidentialClientFor, publicClientId } from './suitable-client';

async function publishedState(): Promise<SandboxState> {
  const response = await (await testSandbox()).call('GET', '/sandbox');
  return response.body as SandboxState;
}

const secretOf = (state: SandboxState, clientId: string) => state.clients.find((client) => client.client_id === clientId)?.client_secret;

describe('confidentialClientFor', () => {
  it('picks the first confidential client allowed every requested scope, with its secret', async () => {
    const state = await publishedState();
    expect(confidentialClientFor(state, ['read:clusters', 'read:webhooks'])).toEqual({ clientId: 'cli_reporting', clientSecret: secretOf(state, 'cli_reporting') });
    expect(confidentialClientFor(state, ['read:api-keys'])).toEqual({ clientId: 'cli_loadtest', clientSecret: secretOf(state, 'cli_loadtest') });
    expect(confidentialClientFor(state, ['all-apis'])).toMatchObject({ clientId: 'cli_opsConsole' });
  });

  it('falls back to the first confidential client when none is allowed them all, never to a public one', async () => {
    const state = await publishedState();
    // Only the public cli_desktop lists offline_access.
    expect(confidentialClientFor(state, ['offline_access'])).toMatchObject({ clientId: 'cli_reporting' });
    expect(confidentialClientFor({ ...state, clients: state.clients.filter((client) => client.client_id !== 'cli_reporting') }, ['offline_access'])).toMatchObject({ clientId: 'cli_opsConsole' });
  });

  it('says so when the sandbox publishes no confidential client', async () => {
    const state = await publishedState();
    const publicOnly = { ...state, clients: state.clients.filter((client) => client.client_secret === null) };
    expect(publicOnly.clients).not.toHaveLength(0);
    expect(() => confidentialClientFor(publicOnly, ['read:clusters'])).toThrow('The sandbox has no confidential client.');
  });
});

describe('publicClientId', () => {
  it('picks the public client', async () => {
    expect(publicClientId(await publishedState())).toBe('cli_desktop');
  });

  it('says so when the sandbox publishes no public client', async () => {
    const state = await publishedState();
    expect(() => publicClientId({ ...state, clients: state.clients.filter((client) => client.client_secret !== null) })).toThrow('The sandbox has no public client.');
  });
});
