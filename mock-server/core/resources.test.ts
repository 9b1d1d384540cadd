import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';
import { authenticateBearer } from './credentials/authenticate';
import { Sandbox } from './sandbox';
import { createCluster } from './resources';
import { seed } from './seed';

const secretOf = (id: string): string => seed.tokens.find((token) => token.id === id)?.secret ?? seed.apiKeys.find((key) => key.id === id)?.secret ?? '';
const seeded = { adaToken: secretOf('tok_adaCli'), ingestKey: secretOf('key_ingest') };

async function setup() {
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => 1_750_000_000_000) });
  return { sandbox, ada: await authenticateBearer(sandbox, seeded.adaToken) };
}

describe('createCluster', () => {
  it("defaults to the organization's oldest workspace", async () => {
    const { sandbox, ada } = await setup();
    const cluster = createCluster(sandbox, ada, { name: 'forecast', nodeType: 'ds.standard.4', numWorkers: 2 });
    expect(cluster).toMatchObject({ orgId: 'org_acme', workspaceId: 'ws_analytics', state: 'pending', createdBy: 'usr_ada' });
  });

  it('refuses when the organization has no workspace to default to', async () => {
    const { sandbox, ada } = await setup();
    for (const workspace of sandbox.store.workspaces.filter((row) => row.orgId === 'org_acme')) sandbox.store.workspaces.delete(workspace.id);
    expect(() => createCluster(sandbox, ada, { name: 'forecast', nodeType: 'ds.standard.4', numWorkers: 2 })).toThrow(
      'The organization has no workspace; name one in workspace_id.',
    );
    expect(sandbox.store.clusters.size).toBe(2);
  });

  it.each([
    [{ name: 'ab' }, 'name'],
    [{ name: 'ends-with-' }, 'name'],
    [{ nodeType: 'ds.huge' }, 'node_type'],
    [{ numWorkers: 0 }, 'num_workers'],
    [{ numWorkers: 2.5 }, 'num_workers'],
  ])('refuses %o naming %s', async (change, field) => {
    const { sandbox, ada } = await setup();
    expect(() => createCluster(sandbox, ada, { name: 'forecast', nodeType: 'ds.standard.4', numWorkers: 2, ...change })).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { field } }),
    );
    expect(sandbox.store.clusters.size).toBe(2);
  });
});
