import { describe, expect, it } from 'vitest';

import { Sandbox } from './sandbox';
import { emptySnapshot, Store, tableNames } from './store';

describe('Store.version', () => {
  it('starts at zero and moves with a put, an update or a delete in any table', async () => {
    const { store } = await Sandbox.create();
    expect(new Store(store.snapshot()).version).toBe(0);
    const before = store.version;
    const cluster = store.clusters.values()[0];
    if (!cluster) throw new Error('seed changed');
    store.clusters.put({ ...cluster, id: 'cl_copy' });
    expect(store.version).toBe(before + 1);
    store.workspaces.delete('ws_analytics');
    expect(store.version).toBe(before + 2);
    store.apiKeys.update('key_ingest', { lastUsedAt: 1 });
    expect(store.version).toBe(before + 3);
  });

  it('refuses a row changed in place, and does not move for a snapshot', async () => {
    const { store } = await Sandbox.create();
    const before = store.version;
    const key = store.apiKeys.get('key_ingest') as { lastUsedAt: number | null } | undefined;
    if (!key) throw new Error('seed changed');
    expect(() => {
      key.lastUsedAt = 1;
    }).toThrow(TypeError);
    store.snapshot();
    expect(store.version).toBe(before);
  });
});

describe('Store tables', () => {
  it("keep the persisted JSON of datastack.sandbox.v1: the browser's saved states still read back", async () => {
    const { store } = await Sandbox.create();
    // The table keys, in order, of what the browser host has been saving under that key.
    expect(Object.keys(JSON.parse(JSON.stringify(store.snapshot())) as object)).toEqual([
      'orgs', 'users', 'pats', 'apiKeys', 'clients', 'accessTokens', 'refreshTokens', 'webhooks', 'deliveries', 'clusters',
      'workspaces', 'jobs', 'jobRuns', 'notebooks', 'pipelines', 'pipelineEvents', 'sqlWarehouses', 'usedJwtIds',
      'authorizationCodes', 'deviceAuthorizations',
    ]);
  });

  it('has one table per name, and a snapshot has one array per table, in the same order', async () => {
    const { store } = await Sandbox.create();
    expect(Object.keys(store.snapshot())).toEqual(tableNames);
    expect(Object.keys(emptySnapshot())).toEqual(tableNames);
    for (const name of tableNames) expect(store[name].size, name).toBe(store.snapshot()[name].length);
  });

  it('copies the snapshot it is built from, and hands out copies in snapshots', async () => {
    const snapshot = (await Sandbox.create()).store.snapshot();
    const store = new Store(snapshot);
    snapshot.clusters.length = 0;
    expect(store.clusters.size).toBeGreaterThan(0);
    const taken = store.snapshot();
    taken.orgs.length = 0;
    expect(store.orgs.size).toBeGreaterThan(0);
  });

  it('finds rows by the index each table defines: secret hashes, codes, user codes', async () => {
    const { store } = await Sandbox.create();
    const key = store.apiKeys.get('key_ingest');
    if (!key) throw new Error('seed changed');
    expect(store.apiKeys.find(key.secretHash)).toBe(key);
    const token = store.pats.values()[0];
    expect(token && store.pats.find(token.secretHash)).toBe(token);
  });
});
