import type {
  AccessToken,
  AuthorizationCode,
  DeviceAuthorization,
  UsedJwtId,
  ApiKey,
  Cluster,
  Job,
  JobRun,
  Notebook,
  OAuthClient,
  Org,
  PersonalAccessToken,
  Pipeline,
  PipelineEvent,
  RefreshToken,
  SqlWarehouse,
  User,
  Webhook,
  WebhookDelivery,
  Workspace,
} from './model';

/**
 * Records keyed by id, in insertion order, with an optional secondary index (secret hashes, so a
 * presented credential is found without scanning). Rows are mutable; `put` a row again after
 * changing a field its index reads.
 */
export class Table<T extends { id: string }> {
  readonly #rows = new Map<string, T>();
  readonly #index = new Map<string, string>();
  readonly #indexedKeys = new Map<string, readonly string[]>();
  #changes = 0;

  constructor(
    rows: readonly T[] = [],
    private readonly indexKeys: (row: T) => readonly string[] = () => [],
  ) {
    for (const row of rows) this.put(row);
    this.#changes = 0;
  }

  /** How many `put`s and successful `delete`s since the table was built (not in-place edits of a row). */
  get changes(): number {
    return this.#changes;
  }

  get(id: string): T | undefined {
    return this.#rows.get(id);
  }

  /** The row whose index holds `key`. */
  find(key: string): T | undefined {
    const id = this.#index.get(key);
    return id === undefined ? undefined : this.#rows.get(id);
  }

  put(row: T): T {
    this.#unindex(row.id);
    this.#rows.set(row.id, row);
    const keys = this.indexKeys(row);
    for (const key of keys) this.#index.set(key, row.id);
    this.#indexedKeys.set(row.id, keys);
    this.#changes++;
    return row;
  }

  delete(id: string): boolean {
    this.#unindex(id);
    const deleted = this.#rows.delete(id);
    if (deleted) this.#changes++;
    return deleted;
  }

  #unindex(id: string): void {
    for (const key of this.#indexedKeys.get(id) ?? []) this.#index.delete(key);
    this.#indexedKeys.delete(id);
  }

  get size(): number {
    return this.#rows.size;
  }

  values(): T[] {
    return [...this.#rows.values()];
  }

  /** The rows in insertion order, without copying them (deleting the current row is safe). */
  [Symbol.iterator](): IterableIterator<T> {
    return this.#rows.values();
  }

  filter(predicate: (row: T) => boolean): T[] {
    return this.values().filter(predicate);
  }

  count(predicate: (row: T) => boolean): number {
    let n = 0;
    for (const row of this.#rows.values()) if (predicate(row)) n++;
    return n;
  }
}

/** The whole sandbox state as plain JSON, for persistence and for `reset`. */
export interface StoreSnapshot {
  orgs: Org[];
  users: User[];
  pats: PersonalAccessToken[];
  apiKeys: ApiKey[];
  clients: OAuthClient[];
  accessTokens: AccessToken[];
  refreshTokens: (RefreshToken & { id: string })[];
  webhooks: Webhook[];
  deliveries: WebhookDelivery[];
  clusters: Cluster[];
  workspaces: Workspace[];
  jobs: Job[];
  jobRuns: JobRun[];
  notebooks: Notebook[];
  pipelines: Pipeline[];
  pipelineEvents: PipelineEvent[];
  sqlWarehouses: SqlWarehouse[];
  /** `jti`s of client-signed JWTs already accepted, until their `exp` (RFC 7523 §3 replay check). */
  usedJwtIds: UsedJwtId[];
  /** Authorization codes not yet expired (RFC 6749 §4.1.2), by code hash. */
  authorizationCodes: AuthorizationCode[];
  /** Device authorizations not yet expired (RFC 8628). */
  deviceAuthorizations: DeviceAuthorization[];
}

/** Upper bounds that keep a long-running sandbox from growing without limit. */
export const storeCaps = {
  patsPerUser: 50,
  apiKeysPerOrg: 100,
  clientsPerOrg: 50,
  webhooksPerOrg: 20,
  deliveriesPerWebhook: 25,
  clustersPerOrg: 50,
  notebooksPerOrg: 100,
  /** The most recent runs kept per job; older ones are forgotten. */
  runsPerJob: 25,
  /** The most recent events kept per pipeline; older ones are forgotten. */
  eventsPerPipeline: 50,
  membersPerOrg: 50,
  activeOAuthTokensPerClient: 100,
  /** Authorization codes and device authorizations awaiting redemption, per client. */
  pendingAuthorizationsPerClient: 50,
} as const;

/** In-memory tables of the sandbox. */
export class Store {
  readonly orgs: Table<Org>;
  readonly users: Table<User>;
  readonly pats: Table<PersonalAccessToken>;
  readonly apiKeys: Table<ApiKey>;
  readonly clients: Table<OAuthClient>;
  readonly accessTokens: Table<AccessToken>;
  readonly refreshTokens: Table<RefreshToken & { id: string }>;
  readonly webhooks: Table<Webhook>;
  readonly deliveries: Table<WebhookDelivery>;
  readonly clusters: Table<Cluster>;
  readonly workspaces: Table<Workspace>;
  readonly jobs: Table<Job>;
  readonly jobRuns: Table<JobRun>;
  readonly notebooks: Table<Notebook>;
  readonly pipelines: Table<Pipeline>;
  readonly pipelineEvents: Table<PipelineEvent>;
  readonly sqlWarehouses: Table<SqlWarehouse>;
  readonly usedJwtIds: Table<UsedJwtId>;
  readonly authorizationCodes: Table<AuthorizationCode>;
  readonly deviceAuthorizations: Table<DeviceAuthorization>;
  readonly #tables: readonly { readonly changes: number }[];

  constructor(snapshot: StoreSnapshot) {
    const copy = structuredClone(snapshot);
    this.orgs = new Table(copy.orgs);
    this.users = new Table(copy.users);
    this.pats = new Table(copy.pats, (pat) => [pat.secretHash]);
    this.apiKeys = new Table(copy.apiKeys, (key) =>
      key.previousSecret ? [key.secretHash, key.previousSecret.secretHash] : [key.secretHash],
    );
    this.clients = new Table(copy.clients);
    this.accessTokens = new Table(copy.accessTokens, (token) => [token.secretHash]);
    this.refreshTokens = new Table(copy.refreshTokens, (token) => [token.secretHash]);
    this.webhooks = new Table(copy.webhooks);
    this.deliveries = new Table(copy.deliveries);
    this.clusters = new Table(copy.clusters);
    this.workspaces = new Table(copy.workspaces);
    this.jobs = new Table(copy.jobs);
    this.jobRuns = new Table(copy.jobRuns);
    this.notebooks = new Table(copy.notebooks);
    this.pipelines = new Table(copy.pipelines);
    this.pipelineEvents = new Table(copy.pipelineEvents);
    this.sqlWarehouses = new Table(copy.sqlWarehouses);
    this.usedJwtIds = new Table(copy.usedJwtIds ?? []);
    this.authorizationCodes = new Table(copy.authorizationCodes ?? [], (code) => [code.codeHash]);
    this.deviceAuthorizations = new Table(copy.deviceAuthorizations ?? [], (device) => [device.deviceCodeHash, device.userCode]);
    this.#tables = [
      this.orgs,
      this.users,
      this.pats,
      this.apiKeys,
      this.clients,
      this.accessTokens,
      this.refreshTokens,
      this.webhooks,
      this.deliveries,
      this.clusters,
      this.workspaces,
      this.jobs,
      this.jobRuns,
      this.notebooks,
      this.pipelines,
      this.pipelineEvents,
      this.sqlWarehouses,
      this.usedJwtIds,
      this.authorizationCodes,
      this.deviceAuthorizations,
    ];
  }

  /**
   * A counter that moves whenever a row is put or deleted in any table, so a host can tell
   * cheaply whether there is anything new to persist. It does not see a field of a row changed
   * in place without a `put` after it (`lastUsedAt`, a device's `status`).
   */
  get version(): number {
    let version = 0;
    for (const table of this.#tables) version += table.changes;
    return version;
  }

  snapshot(): StoreSnapshot {
    return structuredClone({
      orgs: this.orgs.values(),
      users: this.users.values(),
      pats: this.pats.values(),
      apiKeys: this.apiKeys.values(),
      clients: this.clients.values(),
      accessTokens: this.accessTokens.values(),
      refreshTokens: this.refreshTokens.values(),
      webhooks: this.webhooks.values(),
      deliveries: this.deliveries.values(),
      clusters: this.clusters.values(),
      workspaces: this.workspaces.values(),
      jobs: this.jobs.values(),
      jobRuns: this.jobRuns.values(),
      notebooks: this.notebooks.values(),
      pipelines: this.pipelines.values(),
      pipelineEvents: this.pipelineEvents.values(),
      sqlWarehouses: this.sqlWarehouses.values(),
      usedJwtIds: this.usedJwtIds.values(),
      authorizationCodes: this.authorizationCodes.values(),
      deviceAuthorizations: this.deviceAuthorizations.values(),
    });
  }
}
