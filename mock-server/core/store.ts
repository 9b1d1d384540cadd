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
import { type IndexKeys, Table } from './table';

interface TableDefinition<T extends { id: string }> {
  readonly indexKeys: IndexKeys<T>;
}

const table = <T extends { id: string }>(indexKeys: IndexKeys<T> = () => []): TableDefinition<T> => ({ indexKeys });

/**
 * Every table of the sandbox, once: its row type and what it is indexed by. The {@link Store},
 * its {@link StoreSnapshot}, the snapshot, the restore and the reset all derive from this map;
 * the order is the order of the keys in a snapshot's JSON. Adding a table is one entry here (and
 * its rows in `seedSnapshot`, if the seed has any); the browser's persisted key then needs a new
 * version, since a state saved without the table no longer reads back.
 */
const tableDefinitions = {
  orgs: table<Org>(),
  users: table<User>(),
  pats: table<PersonalAccessToken>((pat) => [pat.secretHash]),
  apiKeys: table<ApiKey>((key) => (key.previousSecret ? [key.secretHash, key.previousSecret.secretHash] : [key.secretHash])),
  clients: table<OAuthClient>(),
  accessTokens: table<AccessToken>((token) => [token.secretHash]),
  refreshTokens: table<RefreshToken & { id: string }>((token) => [token.secretHash]),
  webhooks: table<Webhook>(),
  deliveries: table<WebhookDelivery>(),
  clusters: table<Cluster>(),
  workspaces: table<Workspace>(),
  jobs: table<Job>(),
  jobRuns: table<JobRun>(),
  notebooks: table<Notebook>(),
  pipelines: table<Pipeline>(),
  pipelineEvents: table<PipelineEvent>(),
  sqlWarehouses: table<SqlWarehouse>(),
  /** `jti`s of client-signed JWTs already accepted, until their `exp` (RFC 7523 §3 replay check). */
  usedJwtIds: table<UsedJwtId>(),
  /** Authorization codes not yet expired (RFC 6749 §4.1.2), by code hash. */
  authorizationCodes: table<AuthorizationCode>((code) => [code.codeHash]),
  /** Device authorizations not yet expired (RFC 8628), by device code hash and by user code. */
  deviceAuthorizations: table<DeviceAuthorization>((device) => [device.deviceCodeHash, device.userCode]),
};

type TableDefinitions = typeof tableDefinitions;

/** The name of one of the sandbox's tables. */
export type TableName = keyof TableDefinitions;

type TableRows = { [Name in TableName]: TableDefinitions[Name] extends TableDefinition<infer T> ? T : never };

/** The rows one table holds. */
export type RowOf<Name extends TableName> = TableRows[Name];

/** Every table's name, in snapshot order. */
export const tableNames = Object.keys(tableDefinitions) as TableName[];

/** The whole sandbox state as plain JSON, for persistence and for `reset`: every table's rows. */
export type StoreSnapshot = { [Name in TableName]: RowOf<Name>[] };

/** The tables of a {@link Store}, by name. */
export type StoreTables = { readonly [Name in TableName]: Table<RowOf<Name>> };

/** An object with one field per table, in snapshot order; `Result` says what each field is. */
function perTable<Result extends Record<TableName, unknown>>(field: (name: TableName) => unknown): Result {
  // Object.fromEntries cannot carry a type per key; the keys are exactly `tableNames`.
  return Object.fromEntries(tableNames.map((name) => [name, field(name)])) as Result;
}

/** A snapshot with every table empty, for a seed to fill in. */
export const emptySnapshot = (): StoreSnapshot => perTable<StoreSnapshot>(() => []);

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

/** The table `name` holding `rows`, indexed as its definition says. */
function tableOf<Name extends TableName>(name: Name, rows: RowOf<Name>[]): Table<RowOf<Name>> {
  // Indexing the map by a generic name loses the link between the name and its row type.
  const { indexKeys } = tableDefinitions[name] as unknown as TableDefinition<RowOf<Name>>;
  return new Table(rows, indexKeys);
}

/** A base class whose instances carry the given tables as fields, typed by name. */
const WithTables = class {
  constructor(tables: StoreTables) {
    Object.assign(this, tables);
  }
  // Object.assign gives the instance exactly the fields of StoreTables, which a class cannot declare from a mapped type.
} as new (tables: StoreTables) => StoreTables;

/** In-memory tables of the sandbox, one field per table (`store.pats`, `store.apiKeys`, …). */
export class Store extends WithTables {
  /** A store holding a copy of `snapshot`'s rows, at version zero. */
  constructor(snapshot: StoreSnapshot) {
    const copy = structuredClone(snapshot);
    super(perTable<StoreTables>((name) => tableOf(name, copy[name])));
  }

  /**
   * A counter that moves with every row put, updated or deleted in any table, so a host can tell
   * cheaply whether there is anything new to persist.
   */
  get version(): number {
    let version = 0;
    for (const name of tableNames) version += this[name].changes;
    return version;
  }

  snapshot(): StoreSnapshot {
    return structuredClone(perTable<StoreSnapshot>((name) => this[name].values()));
  }
}
