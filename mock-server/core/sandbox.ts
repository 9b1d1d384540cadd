import { SandboxClock } from './clock';
import { credentialRecord } from './credentials/record';
import { RateLimiter } from './rate-limit';
import { hashPassword, hashSecret } from './secrets';
import { daysAgo, daysFrom, seed } from './seed';
import { emptySnapshot, Store, type StoreSnapshot, tableNames } from './store';

/**
 * What a host persists so the state outlives a page: the browser keeps it in localStorage, where
 * every page of the site reads and writes the same copy.
 */
export interface PersistedSandbox {
  version: 1;
  clockOffsetMs: number;
  store: StoreSnapshot;
}

/**
 * Whether a value read back from storage has the shape of a {@link PersistedSandbox}: version 1,
 * a finite clock offset and every table an array. The rows themselves are trusted; the host wrote
 * them.
 */
export function isPersistedSandbox(value: unknown): value is PersistedSandbox {
  if (typeof value !== 'object' || value === null) return false;
  const { version, clockOffsetMs, store } = value as Partial<Record<keyof PersistedSandbox, unknown>>;
  if (version !== 1 || typeof clockOffsetMs !== 'number' || !Number.isFinite(clockOffsetMs)) return false;
  if (typeof store !== 'object' || store === null) return false;
  const tables = store as Partial<Record<string, unknown>>;
  return tableNames.every((table) => Array.isArray(tables[table]));
}

/** The hashes of the seeded secrets: slow to compute (PBKDF2), so computed once per process. */
let seedHashes: Promise<Map<string, string>> | undefined;

function hashSeedSecrets(): Promise<Map<string, string>> {
  seedHashes ??= (async () => {
    const entries = await Promise.all([
      ...seed.users.map(async (user) => [user.id, await hashPassword(user.password, `seed-${user.id}`)] as const),
      ...[...seed.tokens, ...seed.apiKeys, ...seed.clients].flatMap((record) =>
        record.secret === null ? [] : [(async () => [record.id, await hashSecret(record.secret)] as const)()],
      ),
    ]);
    return new Map(entries);
  })();
  return seedHashes;
}

/** What a host adds to the seed. */
export interface SeedOptions {
  /**
   * Extra redirect URIs registered for every seeded public client: the docs site's own callback
   * page, so the authorization code flow can end on the site wherever it is served from.
   */
  publicClientRedirectUris?: readonly string[];
}

/** The seeded state, with every time relative to `now`. */
export async function seedSnapshot(now: number, options: SeedOptions = {}): Promise<StoreSnapshot> {
  const hashes = await hashSeedSecrets();
  const hashOf = (id: string): string => {
    const hash = hashes.get(id);
    if (hash === undefined) throw new Error(`no seed hash for ${id}`);
    return hash;
  };
  const userOrg = new Map<string, string>(seed.users.map((user) => [user.id, user.orgId]));
  const orgOf = (userId: string): string => userOrg.get(userId) ?? 'org_acme';

  return {
    ...emptySnapshot(),
    orgs: seed.orgs.map((org) => ({ ...org, settings: { ...org.settings, updatedAt: daysAgo(now, 30) } })),
    users: seed.users.map(({ password: _password, joinedDaysAgo, ...user }) => ({
      ...user,
      passwordVerifier: hashOf(user.id),
      removedAt: null,
      createdAt: daysAgo(now, joinedDaysAgo),
    })),
    pats: seed.tokens.map(({ secret, createdDaysAgo, lifetimeDays, label, ...token }) => {
      const createdAt = daysAgo(now, createdDaysAgo);
      const expiresAt = lifetimeDays === null ? null : daysFrom(createdAt, lifetimeDays);
      const fields = { ...token, orgId: orgOf(token.userId), secret, secretHash: hashOf(token.id), createdAt, expiresAt };
      return { ...credentialRecord({ ...fields, prefixLength: 8 }), label };
    }),
    apiKeys: seed.apiKeys.map(({ secret, createdDaysAgo, name, environment, restricted, ...key }) => {
      const fields = { ...key, orgId: orgOf(key.userId), secret, secretHash: hashOf(key.id), createdAt: daysAgo(now, createdDaysAgo), expiresAt: null };
      return { ...credentialRecord({ ...fields, prefixLength: 12 }), name, environment, restricted, previousSecret: null };
    }),
    clients: seed.clients.map(({ secret, ...client }) => ({
      ...client,
      redirectUris: [...new Set([...client.redirectUris, ...(secret === null ? (options.publicClientRedirectUris ?? []) : [])])],
      allowedScopes: [...client.allowedScopes],
      grantTypes: [...client.grantTypes],
      secretHash: secret === null ? null : hashOf(client.id),
      secretLastFour: secret === null ? null : secret.slice(-4),
      signingSecret: secret,
      createdAt: daysAgo(now, 200),
    })),
    webhooks: seed.webhooks.map(({ createdDaysAgo, ...webhook }) => ({
      ...webhook,
      events: [...webhook.events],
      createdAt: daysAgo(now, createdDaysAgo),
    })),
    clusters: seed.clusters.map(({ createdDaysAgo, ...cluster }) => ({ ...cluster, createdAt: daysAgo(now, createdDaysAgo) })),
    workspaces: seed.workspaces.map(({ createdDaysAgo, ...workspace }) => ({
      ...workspace,
      createdAt: daysAgo(now, createdDaysAgo),
    })),
    ...seedWorkloads(now),
  };
}

/** The seeded jobs, runs, notebooks, pipelines and SQL warehouses, with times relative to `now`. */
function seedWorkloads(now: number): Pick<StoreSnapshot, 'jobs' | 'jobRuns' | 'notebooks' | 'pipelines' | 'pipelineEvents' | 'sqlWarehouses'> {
  const jobDuration = new Map<string, number>(seed.jobs.map((job) => [job.id, job.runDurationSeconds]));
  return {
    jobs: seed.jobs.map(({ createdDaysAgo, ...job }) => ({ ...job, createdAt: daysAgo(now, createdDaysAgo) })),
    jobRuns: seed.jobRuns.map(({ startedDaysAgo, ...run }, index) => {
      const startedAt = daysAgo(now, startedDaysAgo);
      return { ...run, startedAt, endsAt: startedAt + (jobDuration.get(run.jobId) ?? 0) * 1000, sequence: index };
    }),
    notebooks: seed.notebooks.map(({ createdDaysAgo, ...notebook }) => ({ ...notebook, createdAt: daysAgo(now, createdDaysAgo) })),
    pipelines: seed.pipelines.map(({ createdDaysAgo, ...pipeline }) => ({ ...pipeline, createdAt: daysAgo(now, createdDaysAgo) })),
    pipelineEvents: seed.pipelineEvents.map(({ createdDaysAgo, ...event }, index) => ({
      ...event,
      createdAt: daysAgo(now, createdDaysAgo),
      sequence: index,
    })),
    sqlWarehouses: seed.sqlWarehouses.map(({ createdDaysAgo, ...warehouse }) => ({ ...warehouse, createdAt: daysAgo(now, createdDaysAgo) })),
  };
}

/**
 * One sandbox: its store, its clock and its rate limiter. Hosts create one and hand it to the
 * HTTP layer; tests create as many as they like.
 */
export class Sandbox {
  private constructor(
    public store: Store,
    readonly clock: SandboxClock,
    readonly limiter: RateLimiter,
    private readonly seedOptions: SeedOptions,
  ) {}

  /** A freshly seeded sandbox, or one restored from what a host persisted. */
  static async create(options: { persisted?: PersistedSandbox; clock?: SandboxClock; seed?: SeedOptions } = {}): Promise<Sandbox> {
    const clock = options.clock ?? new SandboxClock(options.persisted?.clockOffsetMs ?? 0);
    const seedOptions = options.seed ?? {};
    const snapshot = options.persisted?.store ?? (await seedSnapshot(clock.now(), seedOptions));
    return new Sandbox(new Store(snapshot), clock, new RateLimiter(clock), seedOptions);
  }

  /** Back to the seed (with the host's additions): every record, the clock and the rate-limit windows. */
  async reset(): Promise<void> {
    this.clock.reset();
    this.store = new Store(await seedSnapshot(this.clock.now(), this.seedOptions));
    this.limiter.reset();
  }

  /** The records and the clock offset, as plain JSON for a host to keep. */
  persist(): PersistedSandbox {
    return { version: 1, clockOffsetMs: this.clock.offsetMs, store: this.store.snapshot() };
  }

  /**
   * Replaces the records and the clock offset, in place, with what a host persisted (in the
   * browser: another page's write), so the HTTP app holding this sandbox answers from them.
   * The rate-limit windows stay this host's own (in the browser, per page): they count its requests
   * and are never persisted.
   *
   * @throws TypeError when `persisted.clockOffsetMs` is not a finite number; nothing is replaced
   */
  restore(persisted: PersistedSandbox): void {
    if (!Number.isFinite(persisted.clockOffsetMs)) throw new TypeError('"persisted.clockOffsetMs" must be a finite number');
    this.store = new Store(persisted.store);
    this.clock.restore(persisted.clockOffsetMs);
  }
}
