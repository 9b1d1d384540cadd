/**
 * When a page writes the shared sandbox state: only when the state moved (issue 12 point 5), not
 * after every request with an unsafe method, and always when it did, reads included.
 */
import { describe, expect, it } from 'vitest';

import { Sandbox } from '../core/sandbox';
import { createApp } from '../http/app';
import { MemoryStorage } from '../test/support/memory-storage';
import { seeded } from '../test/support/client';
import { SharedState, sandboxStorageKeys } from './shared-state';

/** One page of the site: its own sandbox and app, the storage every page shares. */
async function openPage(storage: MemoryStorage) {
  const revision = storage.getItem(sandboxStorageKeys.revision);
  const sandbox = await Sandbox.create();
  const shared = new SharedState(sandbox, storage, revision);
  const app = createApp(sandbox);
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    shared.serve(() =>
      Promise.resolve(app.request(`https://sandbox.datastack.test${path}`, { method, headers, ...(body === undefined ? {} : { body }) }, { clientAddress: 'browser' })),
    );
  return { sandbox, call };
}

const asAda = { Authorization: `Bearer ${seeded.adaToken}` };

describe('SharedState.serve', () => {
  it('writes nothing for a request that changes nothing, whatever its method', async () => {
    const storage = new MemoryStorage();
    const page = await openPage(storage);
    expect((await page.call('GET', '/.well-known/oauth-authorization-server')).status).toBe(200);
    // Refused writes: an unknown credential, a client that does not authenticate.
    expect((await page.call('POST', '/v1/api-keys', { Authorization: 'Bearer dsp_unknown', 'Content-Type': 'application/json' }, '{}')).status).toBe(401);
    expect((await page.call('POST', '/oauth2/token', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials')).status).toBe(401);
    expect(storage.writes).toBe(0);
  });

  it("writes a read that records a credential's last use, and another page takes it over", async () => {
    const storage = new MemoryStorage();
    const first = await openPage(storage);
    const second = await openPage(storage);
    expect((await first.call('GET', '/v1/me', asAda)).status).toBe(200);
    expect(storage.writes).toBe(2);
    const used = first.sandbox.store.pats.get('tok_adaCli')?.lastUsedAt;
    expect(used).toEqual(expect.any(Number));

    expect((await second.call('GET', '/.well-known/oauth-authorization-server')).status).toBe(200);
    expect(second.sandbox.store.pats.get('tok_adaCli')?.lastUsedAt).toBe(used);
    expect(storage.writes).toBe(2);
  });

  it('writes a created record, a moved clock and a reset, each once', async () => {
    const storage = new MemoryStorage();
    const first = await openPage(storage);
    const second = await openPage(storage);
    const created = await first.call('POST', '/v1/clusters', { ...asAda, 'Content-Type': 'application/json' }, JSON.stringify({ name: 'shared', node_type: 'ds.standard.4', num_workers: 1 }));
    expect(created.status).toBe(201);
    const written = storage.writes;
    expect(written).toBe(2);

    await second.call('POST', '/sandbox/clock', { 'Content-Type': 'application/json' }, JSON.stringify({ advance_seconds: 60 }));
    expect(second.sandbox.store.clusters.filter((cluster) => cluster.name === 'shared')).toHaveLength(1);
    expect(storage.writes).toBe(written + 2);

    await first.call('POST', '/sandbox/reset');
    expect(storage.writes).toBe(written + 4);
    await second.call('GET', '/.well-known/oauth-authorization-server');
    expect(second.sandbox.store.clusters.filter((cluster) => cluster.name === 'shared')).toEqual([]);
    expect(second.sandbox.clock.offsetMs).toBe(0);
  });
});
