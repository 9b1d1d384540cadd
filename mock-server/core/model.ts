/**
 * What the sandbox remembers. Records are plain JSON (the browser host persists them to
 * localStorage), hold hashes instead of bearer secrets, and are shaped for the core's
 * rules; the HTTP layer turns them into the spec's wire types.
 */
import type { GrantType } from './oauth/grant-types';
import type { PlanTier } from './rate-limit';

export type Role = 'admin' | 'member' | 'viewer';

export interface OrgSettings {
  members_can_create_tokens: boolean;
  max_token_lifetime_days: number;
  allow_non_expiring_tokens: boolean;
  updatedAt: number;
  updatedBy: string;
}

export interface Org {
  id: string;
  name: string;
  tier: PlanTier;
  settings: OrgSettings;
}

export interface User {
  id: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
  passwordVerifier: string;
  /** Epoch ms when an administrator removed the user; every credential of theirs stops working. */
  removedAt: number | null;
  createdAt: number;
}

/** Fields every stored bearer credential shares. */
export interface CredentialRecord {
  id: string;
  orgId: string;
  /** The user the credential acts as (for API keys: the one who created it). */
  userId: string;
  scopes: string[];
  /** SHA-256 of the secret; the secret itself is never stored. */
  secretHash: string;
  prefix: string;
  lastFour: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface PersonalAccessToken extends CredentialRecord {
  label: string;
}

export type KeyEnvironment = 'test' | 'live';

export interface ApiKey extends CredentialRecord {
  name: string;
  environment: KeyEnvironment;
  restricted: boolean;
  /** After a rotation, the old secret keeps working until `expiresAt`. */
  previousSecret: { secretHash: string; lastFour: string; expiresAt: number } | null;
}

export type ClientType = 'confidential' | 'public';

export interface OAuthClient {
  id: string;
  orgId: string;
  createdBy: string;
  name: string;
  type: ClientType;
  secretHash: string | null;
  secretLastFour: string | null;
  /** Kept to verify client-signed JWTs (HS256 needs the shared secret itself); null for public clients. */
  signingSecret: string | null;
  redirectUris: string[];
  allowedScopes: string[];
  grantTypes: GrantType[];
  createdAt: number;
}

/** An OAuth access token: a credential issued by the authorization server. */
export interface AccessToken extends CredentialRecord {
  clientId: string;
  /**
   * `user` when issued for a user who approved the client; `client` when the client acts as itself
   * (client credentials), in which case `userId` is the user who registered the client.
   */
  actsAs: 'user' | 'client';
  /** The refresh-token family it was issued in, so reuse detection can revoke it too. */
  familyId: string | null;
}

export interface RefreshToken {
  secretHash: string;
  familyId: string;
  clientId: string;
  orgId: string;
  userId: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  /** Set when exchanged; presenting it again is reuse and revokes the family. */
  usedAt: number | null;
  revokedAt: number | null;
}

export interface Webhook {
  id: string;
  orgId: string;
  url: string;
  events: string[];
  /** The signing secret must stay usable to compute signatures, so it is kept as issued. */
  signingSecret: string;
  createdBy: string;
  createdAt: number;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The exact bytes that were signed and would be sent. */
  body: string;
  signature: string;
  attemptedAt: number;
  /**
   * Increases with every delivery to the same webhook, so deliveries recorded in the same
   * millisecond (one action can emit several events) still list newest first.
   */
  sequence: number;
}

export interface Cluster {
  id: string;
  orgId: string;
  name: string;
  nodeType: string;
  numWorkers: number;
  state: 'pending' | 'running' | 'terminated';
  workspaceId: string;
  createdBy: string;
  createdAt: number;
}

export interface Workspace {
  id: string;
  orgId: string;
  name: string;
  region: string;
  createdAt: number;
}

export interface Job {
  id: string;
  orgId: string;
  name: string;
  workspaceId: string;
  clusterId: string | null;
  maxConcurrentRuns: number;
  /** How long a run takes in sandbox time: a run is `running` until then, `succeeded` after. */
  runDurationSeconds: number;
  createdBy: string;
  createdAt: number;
}

/** One run of a job; its state follows from the clock (see `core/jobs`). */
export interface JobRun {
  id: string;
  orgId: string;
  jobId: string;
  triggeredBy: string;
  startedAt: number;
  endsAt: number;
  /** Increases with every run, so runs started in the same millisecond still list newest first. */
  sequence: number;
}

export type NotebookLanguage = 'python' | 'sql' | 'scala';

export interface Notebook {
  id: string;
  orgId: string;
  workspaceId: string;
  path: string;
  language: NotebookLanguage;
  content: string;
  createdBy: string;
  createdAt: number;
}

export interface Pipeline {
  id: string;
  orgId: string;
  name: string;
  workspaceId: string;
  state: 'idle' | 'running';
  createdBy: string;
  createdAt: number;
}

export interface PipelineEvent {
  id: string;
  pipelineId: string;
  type: 'created' | 'started' | 'stopped';
  actor: string;
  createdAt: number;
  /** Orders events recorded in the same millisecond, newest first. */
  sequence: number;
}

export interface SqlWarehouse {
  id: string;
  orgId: string;
  name: string;
  size: 'small' | 'medium' | 'large';
  state: 'running' | 'stopped';
  createdAt: number;
}

/** A client-signed JWT already accepted; its `jti` stays refused until the JWT would have expired. */
export interface UsedJwtId {
  /** `<client id> <jti>`: a jti is unique per issuer. */
  id: string;
  expiresAt: number;
}

/**
 * An authorization code (RFC 6749 §4.1.2): issued on consent, redeemed once at the token endpoint
 * with the PKCE verifier. Stored by the hash of the code, never the code itself.
 */
export interface AuthorizationCode {
  id: string;
  codeHash: string;
  clientId: string;
  orgId: string;
  /** The user who approved. */
  userId: string;
  /** Exactly as sent to `/oauth2/authorize`; the token request must repeat it. */
  redirectUri: string;
  /** The permission scopes approved (`offline_access` is `offline`). */
  scopes: string[];
  offline: boolean;
  /** The S256 PKCE challenge (base64url of SHA-256 of the verifier). */
  codeChallenge: string;
  createdAt: number;
  expiresAt: number;
  /** Set on redemption; a second redemption is refused and revokes what the first issued. */
  usedAt: number | null;
  /** What the redemption issued, so a replay can revoke it (RFC 6749 §4.1.2). */
  issued: { accessTokenId: string; familyId: string | null } | null;
}

/** A device authorization (RFC 8628): created by the device, decided on the verification page, redeemed by polling. */
export interface DeviceAuthorization {
  id: string;
  deviceCodeHash: string;
  /** As shown to the user: `WDJB-MJHT`. */
  userCode: string;
  clientId: string;
  /** The permission scopes asked for (`offline_access` is `offline`). */
  scopes: string[];
  offline: boolean;
  createdAt: number;
  expiresAt: number;
  /** Seconds the device must wait between polls; each `slow_down` adds 5. */
  intervalSeconds: number;
  lastPolledAt: number | null;
  status: 'pending' | 'approved' | 'denied';
  /** Who approved, and the organization the device acts in (set on approval). */
  userId: string | null;
  orgId: string | null;
}
