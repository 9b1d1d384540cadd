/**
 * The seeded sandbox, defined once. `GET /sandbox` publishes exactly this (secrets included,
 * because every value here is fake), the docs' examples use it, and `POST /sandbox/reset`
 * restores it. Times are offsets from the moment the sandbox is seeded, so seeded credentials
 * are always fresh.
 */
import type { KeyEnvironment, OrgSettings, Role } from './model';
import { deviceCodeGrantType, type GrantType } from './oauth/grant-types';
import type { PlanTier } from './rate-limit';

const day = 86_400_000;

export interface SeedOrg {
  id: string;
  name: string;
  tier: PlanTier;
  settings: Omit<OrgSettings, 'updatedAt'>;
}

export interface SeedUser {
  id: string;
  orgId: string;
  name: string;
  email: string;
  password: string;
  role: Role;
  joinedDaysAgo: number;
}

export interface SeedClient {
  id: string;
  orgId: string;
  createdBy: string;
  name: string;
  type: 'confidential' | 'public';
  secret: string | null;
  redirectUris: readonly string[];
  allowedScopes: readonly string[];
  grantTypes: readonly GrantType[];
}

export interface SeedToken {
  id: string;
  userId: string;
  label: string;
  secret: string;
  scopes: readonly string[];
  createdDaysAgo: number;
  lifetimeDays: number | null;
}

export interface SeedApiKey {
  id: string;
  userId: string;
  name: string;
  secret: string;
  scopes: readonly string[];
  environment: KeyEnvironment;
  restricted: boolean;
  createdDaysAgo: number;
}

export const seed = {
  orgs: [
    {
      id: 'org_acme',
      name: 'Acme Analytics',
      tier: 'business',
      settings: {
        members_can_create_tokens: true,
        max_token_lifetime_days: 365,
        allow_non_expiring_tokens: false,
        updatedBy: 'usr_ada',
      },
    },
    {
      id: 'org_loadlab',
      name: 'Load Lab',
      tier: 'unmetered',
      settings: {
        members_can_create_tokens: false,
        max_token_lifetime_days: 90,
        allow_non_expiring_tokens: false,
        updatedBy: 'usr_lin',
      },
    },
    {
      id: 'org_pico',
      name: 'Pico Labs',
      tier: 'starter',
      settings: {
        members_can_create_tokens: true,
        max_token_lifetime_days: 90,
        allow_non_expiring_tokens: false,
        updatedBy: 'usr_pia',
      },
    },
    {
      id: 'org_globex',
      name: 'Globex Data',
      tier: 'enterprise',
      settings: {
        members_can_create_tokens: false,
        max_token_lifetime_days: 365,
        allow_non_expiring_tokens: true,
        updatedBy: 'usr_gus',
      },
    },
  ],
  users: [
    {
      id: 'usr_ada',
      orgId: 'org_acme',
      name: 'Ada Lovelace',
      email: 'ada@acme.test',
      password: 'analytical-engine-1843',
      role: 'admin',
      joinedDaysAgo: 400,
    },
    {
      id: 'usr_grace',
      orgId: 'org_acme',
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      password: 'harvard-mark-1-1944',
      role: 'member',
      joinedDaysAgo: 120,
    },
    {
      id: 'usr_lin',
      orgId: 'org_loadlab',
      name: 'Lin Load',
      email: 'lin@loadlab.test',
      password: 'steady-state-9000',
      role: 'admin',
      joinedDaysAgo: 30,
    },
    {
      id: 'usr_alan',
      orgId: 'org_acme',
      name: 'Alan Turing',
      email: 'alan@acme.test',
      password: 'bombe-at-bletchley-1940',
      role: 'viewer',
      joinedDaysAgo: 10,
    },
    {
      id: 'usr_pia',
      orgId: 'org_pico',
      name: 'Pia Small',
      email: 'pia@pico.test',
      password: 'tiny-but-mighty-2024',
      role: 'admin',
      joinedDaysAgo: 50,
    },
    {
      id: 'usr_gus',
      orgId: 'org_globex',
      name: 'Gus Grand',
      email: 'gus@globex.test',
      password: 'contracted-capacity-10k',
      role: 'admin',
      joinedDaysAgo: 700,
    },
  ],
  clients: [
    {
      id: 'cli_reporting',
      orgId: 'org_acme',
      createdBy: 'usr_ada',
      name: 'Reporting service',
      type: 'confidential',
      secret: 'dscs_rUYkGISVTJnsXg4R7dB2aMx2mChj-ezmaQ0yiD7XH_K',
      redirectUris: [],
      allowedScopes: ['read:clusters', 'read:workspaces', 'read:webhooks'],
      grantTypes: ['client_credentials'],
    },
    {
      id: 'cli_desktop',
      orgId: 'org_acme',
      createdBy: 'usr_ada',
      name: 'DataStack Desktop',
      type: 'public',
      secret: null,
      // The docs site's callback page, on loopback (any port, RFC 8252 §7.3) for `npm start` and the e2e server.
      redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:3000/oauth/callback', 'http://127.0.0.1:3000/oauth/callback'],
      allowedScopes: ['read:profile', 'read:clusters', 'manage:clusters', 'read:workspaces', 'offline_access'],
      grantTypes: ['authorization_code', 'refresh_token', deviceCodeGrantType],
    },
    {
      id: 'cli_opsConsole',
      orgId: 'org_acme',
      createdBy: 'usr_ada',
      name: 'Ops console',
      type: 'confidential',
      secret: 'dscs_Vb7Qm2Xr9Kt4Wn6Zp1Lc8Hd3Fs5Gj0Ay2Ue7Io4Rk9w',
      redirectUris: [],
      // The one seeded client allowed the broad all-apis scope; it may also ask for any scope all-apis includes.
      allowedScopes: ['all-apis'],
      grantTypes: ['client_credentials'],
    },
    {
      id: 'cli_loadtest',
      orgId: 'org_loadlab',
      createdBy: 'usr_lin',
      name: 'Load generator',
      type: 'confidential',
      secret: 'dscs_Lq7mV2xkP9tR4wZc8nB3hJ6yF1dS5gA0eU7iO2kT9vX',
      redirectUris: [],
      allowedScopes: ['read:clusters', 'read:workspaces', 'read:api-keys'],
      grantTypes: ['client_credentials'],
    },
  ],
  tokens: [
    {
      id: 'tok_adaCli',
      userId: 'usr_ada',
      label: "Ada's CLI",
      secret: 'dsp_1b595498f6f553686aea592bcfa57423a9b0365b803562224dcc686cda4d5331',
      scopes: [
        'read:profile',
        'manage:tokens',
        'manage:api-keys',
        'manage:oauth-clients',
        'manage:org',
        'manage:webhooks',
        'manage:clusters',
        'read:workspaces',
      ],
      createdDaysAgo: 2,
      lifetimeDays: 60,
    },
    {
      id: 'tok_graceRead',
      userId: 'usr_grace',
      label: 'Grace read-only notebook sync',
      secret: 'dsp_7320052cd889cf4c22bfdb623e716938b7ebad07f1a917ccb9917a66fd9b385e',
      scopes: ['read:profile', 'read:clusters', 'read:workspaces'],
      createdDaysAgo: 14,
      lifetimeDays: 90,
    },
    {
      id: 'tok_alanView',
      userId: 'usr_alan',
      label: 'Alan viewer dashboard',
      secret: 'dsp_4c0f9e1a7b3d52e86f19a0c7d4b2e85f1a6c3d9e0b7f24a18c5e6d3b9f0a2c47',
      scopes: ['read:profile', 'read:clusters', 'read:workspaces'],
      createdDaysAgo: 3,
      lifetimeDays: 30,
    },
    {
      id: 'tok_piaCli',
      userId: 'usr_pia',
      label: "Pia's CLI",
      secret: 'dsp_9e2b7c4a1f0d38e56b2a9c7f4e1d0b83a6c5f2e9d7b40a1c8e3f6b2d9a5c7e10',
      scopes: ['read:profile', 'read:clusters', 'read:workspaces'],
      createdDaysAgo: 5,
      lifetimeDays: 90,
    },
  ],
  apiKeys: [
    {
      id: 'key_ingest',
      userId: 'usr_ada',
      name: 'Nightly ingest',
      secret: 'sk_test_DhvN0WFpY1EV6Zf94cl9eQaxydFGh0zf',
      scopes: ['manage:clusters', 'read:workspaces'],
      environment: 'test',
      restricted: false,
      createdDaysAgo: 45,
    },
    {
      id: 'key_dashboard',
      userId: 'usr_grace',
      name: 'Dashboard (read-only)',
      secret: 'rk_test_o4yeU6C7GxLRxLMnnVYrqPOVElmFRQji',
      scopes: ['read:clusters', 'read:workspaces'],
      environment: 'test',
      restricted: true,
      createdDaysAgo: 20,
    },
    {
      id: 'key_platform',
      userId: 'usr_ada',
      name: 'Platform automation',
      secret: 'sk_test_Pq4Lm8Zx2Rv6Tn1Yb9Kc3Hw7Ds5Fg0Je',
      scopes: ['manage:users', 'manage:workspaces', 'manage:clusters', 'manage:jobs', 'manage:notebooks', 'manage:pipelines', 'manage:sql'],
      environment: 'test',
      restricted: false,
      createdDaysAgo: 50,
    },
    {
      id: 'key_loadtest',
      userId: 'usr_lin',
      name: 'Load test',
      secret: 'sk_test_Wm3Qx8Rt5Yv2Kp9Lz4Nb7Hc1Df6Gs0Ja',
      scopes: ['read:api-keys', 'read:clusters', 'read:workspaces'],
      environment: 'test',
      restricted: false,
      createdDaysAgo: 7,
    },
    {
      id: 'key_globexSync',
      userId: 'usr_gus',
      name: 'Warehouse sync',
      secret: 'sk_test_Gx4Tn8Qw2Ez6Rb1Yc9Vm3Lp7Hs5Kd0Fj',
      scopes: ['read:profile', 'read:clusters', 'read:workspaces'],
      environment: 'test',
      restricted: false,
      createdDaysAgo: 90,
    },
  ],
  webhooks: [
    {
      id: 'wh_auditFeed',
      orgId: 'org_acme',
      createdBy: 'usr_ada',
      url: 'https://hooks.acme.test/datastack/audit',
      events: ['api_key.created', 'api_key.revoked', 'token.revoked', 'member.removed'],
      signingSecret: 'whsec_9kQ2vR7xM4tY8wP1zL5nB3hC6jF0dS2gA7eU4iO9kT1',
      createdDaysAgo: 60,
    },
  ],
  workspaces: [
    { id: 'ws_analytics', orgId: 'org_acme', name: 'Analytics', region: 'eu-west-1', createdDaysAgo: 380 },
    { id: 'ws_sandboxLab', orgId: 'org_acme', name: 'Sandbox lab', region: 'us-east-1', createdDaysAgo: 90 },
    { id: 'ws_loadlab', orgId: 'org_loadlab', name: 'Load lab', region: 'eu-central-1', createdDaysAgo: 30 },
  ],
  clusters: [
    {
      id: 'cl_etlNightly',
      orgId: 'org_acme',
      name: 'etl-nightly',
      nodeType: 'ds.standard.8',
      numWorkers: 4,
      state: 'running',
      workspaceId: 'ws_analytics',
      createdBy: 'usr_ada',
      createdDaysAgo: 62,
    },
    {
      id: 'cl_adhocSql',
      orgId: 'org_acme',
      name: 'ad-hoc-sql',
      nodeType: 'ds.memory.16',
      numWorkers: 2,
      state: 'terminated',
      workspaceId: 'ws_analytics',
      createdBy: 'usr_grace',
      createdDaysAgo: 21,
    },
  ],
  jobs: [
    {
      id: 'job_nightlyEtl',
      orgId: 'org_acme',
      name: 'nightly-etl',
      workspaceId: 'ws_analytics',
      clusterId: 'cl_etlNightly',
      maxConcurrentRuns: 1,
      runDurationSeconds: 900,
      createdBy: 'usr_ada',
      createdDaysAgo: 61,
    },
    {
      id: 'job_weeklyReport',
      orgId: 'org_acme',
      name: 'weekly-report',
      workspaceId: 'ws_analytics',
      clusterId: null,
      maxConcurrentRuns: 1,
      runDurationSeconds: 300,
      createdBy: 'usr_grace',
      createdDaysAgo: 31,
    },
  ],
  /** Finished runs: each started `startedDaysAgo` and took its job's run duration. */
  jobRuns: [
    { id: 'run_etlJune01', orgId: 'org_acme', jobId: 'job_nightlyEtl', triggeredBy: 'usr_ada', startedDaysAgo: 1 },
    { id: 'run_etlMay31', orgId: 'org_acme', jobId: 'job_nightlyEtl', triggeredBy: 'usr_ada', startedDaysAgo: 2 },
  ],
  notebooks: [
    {
      id: 'nb_dailyLoad',
      orgId: 'org_acme',
      workspaceId: 'ws_analytics',
      path: '/Shared/etl/daily-load',
      language: 'python',
      content: '# Daily load: copy yesterday\'s orders into the lake.\norders = spark.read.table("raw.orders")\n',
      createdBy: 'usr_ada',
      createdDaysAgo: 60,
    },
    {
      id: 'nb_revenue',
      orgId: 'org_acme',
      workspaceId: 'ws_analytics',
      path: '/Users/grace/revenue',
      language: 'sql',
      content: '-- Revenue by month\nSELECT month, sum(amount) FROM finance.invoices GROUP BY month;\n',
      createdBy: 'usr_grace',
      createdDaysAgo: 13,
    },
  ],
  pipelines: [
    { id: 'pl_clickstream', orgId: 'org_acme', name: 'clickstream-bronze', workspaceId: 'ws_analytics', state: 'running', createdBy: 'usr_ada', createdDaysAgo: 84 },
    { id: 'pl_billing', orgId: 'org_acme', name: 'billing-silver', workspaceId: 'ws_analytics', state: 'idle', createdBy: 'usr_ada', createdDaysAgo: 43 },
  ],
  pipelineEvents: [
    { id: 'pev_clickMade01', pipelineId: 'pl_clickstream', type: 'created', actor: 'usr_ada', createdDaysAgo: 84 },
    { id: 'pev_billMade01', pipelineId: 'pl_billing', type: 'created', actor: 'usr_ada', createdDaysAgo: 43 },
    { id: 'pev_clickStart1', pipelineId: 'pl_clickstream', type: 'started', actor: 'usr_ada', createdDaysAgo: 1 },
  ],
  sqlWarehouses: [
    { id: 'sqlw_biDash', orgId: 'org_acme', name: 'BI dashboards', size: 'small', state: 'running', createdDaysAgo: 120 },
    { id: 'sqlw_adhoc', orgId: 'org_acme', name: 'Ad-hoc analysis', size: 'medium', state: 'stopped', createdDaysAgo: 92 },
  ],
} as const satisfies {
  orgs: readonly SeedOrg[];
  users: readonly SeedUser[];
  clients: readonly SeedClient[];
  tokens: readonly SeedToken[];
  apiKeys: readonly SeedApiKey[];
  webhooks: readonly unknown[];
  workspaces: readonly unknown[];
  clusters: readonly unknown[];
  jobs: readonly unknown[];
  jobRuns: readonly unknown[];
  notebooks: readonly unknown[];
  pipelines: readonly unknown[];
  pipelineEvents: readonly unknown[];
  sqlWarehouses: readonly unknown[];
};

export const daysAgo = (now: number, days: number): number => now - days * day;
export const daysFrom = (now: number, days: number): number => now + days * day;
