import { describe, expect, it } from 'vitest';

import { Sandbox } from './sandbox';
import { Store, Table } from './store';

describe('Table.changes', () => {
  it('counts puts and deletes since the table was built, not reads or a delete of nothing', () => {
    const table = new Table([{ id: 'a', n: 1 }, { id: 'b', n: 2 }], (row) => [`n${row.n}`]);
    expect(table.changes).toBe(0);
    table.get('a');
    table.find('n1');
    table.delete('missing');
    expect(table.changes).toBe(0);
    table.put({ id: 'c', n: 3 });
    table.put({ id: 'a', n: 4 });
    table.delete('b');
    expect(table.changes).toBe(3);
  });
});

describe('Store.version', () => {
  it('starts at zero and moves with a put or a delete in any table', async () => {
    const { store } = await Sandbox.create();
    expect(new Store(store.snapshot()).version).toBe(0);
    const before = store.version;
    const cluster = store.clusters.values()[0];
    if (!cluster) throw new Error('seed changed');
    store.clusters.put({ ...cluster, id: 'cl_copy' });
    expect(store.version).toBe(before + 1);
    store.workspaces.delete('ws_analytics');
    expect(store.version).toBe(before + 2);
  });

  it('does not see a row changed in place, nor a snapshot', async () => {
    const { store } = await Sandbox.create();
    const before = store.version;
    const key = store.apiKeys.values()[0];
    if (!key) throw new Error('seed changed');
    key.lastUsedAt = 1;
    store.snapshot();
    expect(store.version).toBe(before);
  });
});
