import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';
import { authenticateBearer } from './credentials/authenticate';
import { createCluster } from './resources';
import { isPersistedSandbox, type PersistedSandbox, Sandbox } from './sandbox';
import { seed } from './seed';

const adaToken = seed.tokens.find((token) => token.id === 'tok_adaCli')?.secret ?? '';

/** What a page reads back from storage: the persisted state after a trip through JSON. */
const throughStorage = (sandbox: Sandbox): PersistedSandbox => JSON.parse(JSON.stringify(sandbox.persist())) as PersistedSandbox;

async function changedSandbox(): Promise<Sandbox> {
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => 1_750_000_000_000) });
  const ada = await authenticateBearer(sandbox, adaToken);
  createCluster(sandbox, ada, { name: 'written-elsewhere', nodeType: 'ds.standard.4', numWorkers: 2 });
  sandbox.clock.advance(3600);
  return sandbox;
}

describe('Sandbox.restore', () => {
  it('takes over the records and the clock offset of what another copy persisted, in place', async () => {
    const writer = await changedSandbox();
    const reader = await Sandbox.create({ clock: new SandboxClock(0, () => 1_750_000_000_000) });
    const before = reader.store;

    reader.restore(throughStorage(writer));

    expect(reader.store).not.toBe(before);
    expect(reader.persist()).toEqual(writer.persist());
    expect(reader.clock.offsetMs).toBe(3_600_000);
    expect(reader.store.clusters.filter((cluster) => cluster.name === 'written-elsewhere')).toHaveLength(1);
    // The secret indexes are rebuilt: a seeded credential still authenticates.
    expect((await authenticateBearer(reader, adaToken)).user?.id).toBe('usr_ada');
  });

  it('copies what it is given, and sets a smaller offset too (the other copy was reset)', async () => {
    const persisted = throughStorage(await Sandbox.create());
    const reader = await changedSandbox();

    reader.restore(persisted);
    persisted.store.clusters.length = 0;

    expect(reader.clock.offsetMs).toBe(0);
    expect(reader.store.clusters.filter((cluster) => cluster.name === 'written-elsewhere')).toEqual([]);
    expect(reader.store.clusters.size).toBe(seed.clusters.length);
  });

  it("keeps this copy's rate-limit windows", async () => {
    const reader = await Sandbox.create();
    expect(reader.limiter.hit('key_ingest', 'starter').remaining).toBe(99);
    reader.restore(throughStorage(await Sandbox.create()));
    expect(reader.limiter.hit('key_ingest', 'starter').remaining).toBe(98);
  });

  it('refuses an offset that is not a finite number with a TypeError, and replaces nothing', async () => {
    const reader = await changedSandbox();
    const before = reader.persist();
    expect(() => reader.restore({ ...before, clockOffsetMs: Number.NaN })).toThrow(
      new TypeError('"persisted.clockOffsetMs" must be a finite number'),
    );
    expect(reader.persist()).toEqual(before);
  });
});

describe('isPersistedSandbox', () => {
  it('accepts what persist() wrote, read back from JSON', async () => {
    expect(isPersistedSandbox(throughStorage(await changedSandbox()))).toBe(true);
  });

  it('refuses anything else: another version, a bad offset, a missing or malformed table', async () => {
    const persisted = throughStorage(await Sandbox.create());
    const { deviceAuthorizations: _missing, ...withoutTable } = persisted.store;
    for (const value of [
      null,
      'datastack',
      [],
      { ...persisted, version: 2 },
      { ...persisted, clockOffsetMs: '0' },
      { ...persisted, clockOffsetMs: Number.POSITIVE_INFINITY },
      { ...persisted, store: null },
      { ...persisted, store: withoutTable },
      { ...persisted, store: { ...persisted.store, orgs: {} } },
    ]) {
      expect(isPersistedSandbox(value), JSON.stringify(value)?.slice(0, 60)).toBe(false);
    }
  });
});

describe('host additions to the seed', () => {
  const callback = 'https://docs.example.com/auth/oauth/callback';

  it('registers the docs site callback for public clients only, and keeps it across a reset', async () => {
    const sandbox = await Sandbox.create({ seed: { publicClientRedirectUris: [callback] } });
    const redirects = () => ({
      public: sandbox.store.clients.get('cli_desktop')?.redirectUris,
      confidential: sandbox.store.clients.get('cli_reporting')?.redirectUris,
    });
    expect(redirects().public).toContain(callback);
    expect(redirects().confidential).not.toContain(callback);
    await sandbox.reset();
    expect(redirects().public).toContain(callback);
  });

  it('adds nothing when the host asks for nothing', async () => {
    const sandbox = await Sandbox.create();
    expect(sandbox.store.clients.get('cli_desktop')?.redirectUris).toEqual(seed.clients.find((client) => client.id === 'cli_desktop')?.redirectUris);
  });
});
