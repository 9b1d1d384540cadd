/**
 * OAuth client registration: who may register what, and what deleting a client takes with it.
 */
import { actingUserId, type Principal } from './credentials/authenticate';
import { ApiError, capReached, quote } from './errors';
import type { ClientType, OAuthClient } from './model';
import type { GrantType } from './oauth/grant-types';
import { type Grant, grants as grantTable, isGrantType } from './oauth/grants';
import { pageInOrg } from './org-rows';
import { newestFirst, type Page, type PageRequest } from './paginate';
import { randomId, randomToken } from './random';
import type { Sandbox } from './sandbox';
import { checkGrantable } from './roles';
import { holdsScope, offlineAccess, permissionScopes } from './scopes';
import { hashSecret } from './secrets';
import { storeCaps } from './store';

export interface ClientRegistration {
  name: string;
  type: ClientType;
  redirectUris?: readonly string[] | undefined;
  allowedScopes: readonly string[];
  grantTypes: readonly string[];
}

/** A client just registered, with its secret (null for public clients) to show exactly once. */
export interface RegisteredClient {
  client: OAuthClient;
  secret: string | null;
}

const maxRedirectUris = 10;
const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Checks one redirect URI: absolute, `https:` or `http:` on a loopback host, no fragment, no
 * credentials in it. Matching at the authorization endpoint is exact, so nothing is normalised.
 * @throws ApiError `invalid_request` naming `field`
 * @see RFC 6749 §3.1.2, RFC 8252 §7.3 and §8.3
 */
export function checkRedirectUri(uri: string, field: string): void {
  // The URI is not echoed: userinfo in it may hold a password.
  const refuse = (why: string): ApiError => new ApiError('invalid_request', `${field} ${why}.`, { field });
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw refuse('is not an absolute URI');
  }
  if (uri.includes('#')) throw refuse('must not contain a fragment');
  if (url.username !== '' || url.password !== '') throw refuse('must not contain credentials');
  if (url.protocol === 'https:') return;
  // RFC 8252 §7.3: native apps listen on a loopback port; plain http is only safe there.
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return;
  throw refuse('must use https, or http on a loopback host (127.0.0.1, [::1], localhost)');
}

/**
 * The grant types a registration asks for, each one the grant table knows.
 * @throws ApiError `invalid_request` naming the first unknown entry, or `grant_types` when empty
 */
function checkGrantTypes(names: readonly string[]): GrantType[] {
  const known = names.map((name, i) => {
    if (!isGrantType(name)) {
      throw new ApiError('invalid_request', `grant_types[${i}] is not a supported grant type: ${quote(name)}.`, { field: `grant_types[${i}]` });
    }
    return name;
  });
  if (known.length === 0) throw new ApiError('invalid_request', 'grant_types needs at least one grant type.', { field: 'grant_types' });
  return known;
}

/**
 * Registers an OAuth client in the caller's organization. Confidential clients get a
 * `dscs_` secret, returned once and stored as a hash (plus the signing copy HS256 client JWTs
 * need); public clients get none.
 *
 * @throws ApiError `invalid_request` for an unknown scope, a bad redirect URI or grant types that
 *   do not fit the client type; `conflict` for a full organization; `forbidden` when a
 *   confidential client would be allowed a scope the registering user's role may not grant;
 *   `insufficient_scope` when a client-credentials client would get a scope the registering
 *   credential lacks
 * @see RFC 6749 §2 (client types), RFC 8252 (native apps)
 */
export async function registerOauthClient(sandbox: Sandbox, principal: Principal, request: ClientRegistration): Promise<RegisteredClient> {
  // Hashed before the checks: no await lies between the last check and the write.
  const secret = request.type === 'confidential' ? `dscs_${randomToken()}` : null;
  const secretHash = secret === null ? null : await hashSecret(secret);
  const redirectUris = [...(request.redirectUris ?? [])];
  const allowedScopes = [...request.allowedScopes];

  if (redirectUris.length > maxRedirectUris) {
    throw new ApiError('invalid_request', `redirect_uris takes at most ${maxRedirectUris} URIs.`, { field: 'redirect_uris' });
  }
  redirectUris.forEach((uri, i) => checkRedirectUri(uri, `redirect_uris[${i}]`));
  if (new Set(redirectUris).size !== redirectUris.length) {
    throw new ApiError('invalid_request', 'redirect_uris lists the same URI twice.', { field: 'redirect_uris' });
  }
  allowedScopes.forEach((scope, i) => {
    if (scope !== offlineAccess && !permissionScopes.includes(scope)) {
      throw new ApiError('invalid_request', `allowed_scopes[${i}] names an unknown scope: ${quote(scope)}.`, { field: `allowed_scopes[${i}]` });
    }
  });
  const grants = checkGrantTypes(request.grantTypes);
  // What each grant needs, from the grant table; one rule at a time, so the first rule broken is the one reported.
  const needing = (rule: (grant: Grant) => boolean): GrantType | undefined => grants.find((name) => rule(grantTable[name]));
  const secretNeeded = needing((grant) => grant.confidentialOnly);
  if (secretNeeded !== undefined && request.type !== 'confidential') {
    throw new ApiError('invalid_request', `${secretNeeded} needs a confidential client: a public client cannot keep a secret.`, {
      field: 'grant_types',
    });
  }
  const redirected = needing((grant) => grant.needs.includes('redirect_uri'));
  if (redirected !== undefined && redirectUris.length === 0) {
    throw new ApiError('invalid_request', `${redirected} needs at least one redirect URI in redirect_uris.`, { field: 'redirect_uris' });
  }
  const refreshing = needing((grant) => grant.needs.includes('offline_access'));
  if (refreshing !== undefined && !allowedScopes.includes(offlineAccess)) {
    throw new ApiError('invalid_request', `${refreshing} needs offline_access in allowed_scopes.`, { field: 'allowed_scopes' });
  }
  const permissions = allowedScopes.filter((scope) => scope !== offlineAccess);
  // A confidential client can act as itself (client credentials, or a client-signed JWT as a bearer
  // credential, whatever its grant types): a service credential whose power is its allowed scopes,
  // so only what the registering user's role may grant.
  if (request.type === 'confidential') checkGrantable(principal, permissions);
  const actingAsItself = needing((grant) => grant.actsAs === 'client');
  if (actingAsItself !== undefined) {
    // It may also get only what the registering credential holds.
    const missing = permissions.find((scope) => !holdsScope(principal.scopes, scope));
    if (missing !== undefined) {
      throw new ApiError(
        'insufficient_scope',
        `A ${actingAsItself} client can hold only scopes of the credential registering it, and this credential does not hold ${missing}.`,
        { required_scope: missing },
      );
    }
  }
  const orgId = principal.org.id;
  const { clients } = sandbox.store;
  if (clients.count((client) => client.orgId === orgId) >= storeCaps.clientsPerOrg) {
    throw capReached(
      storeCaps.clientsPerOrg,
      `The organization already has ${storeCaps.clientsPerOrg} OAuth clients, the most the sandbox keeps; delete one first.`,
    );
  }
  const createdBy = actingUserId(sandbox, principal);

  const client: OAuthClient = {
    id: randomId('cli'),
    orgId,
    createdBy,
    name: request.name,
    type: request.type,
    secretHash,
    secretLastFour: secret === null ? null : secret.slice(-4),
    signingSecret: secret,
    redirectUris,
    allowedScopes,
    grantTypes: grants,
    createdAt: sandbox.clock.now(),
  };
  clients.put(client);
  return { client, secret };
}

/**
 * The organization's OAuth clients, newest first, one page at a time.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function listOauthClients(sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<OAuthClient> {
  return pageInOrg(sandbox.store.clients, orgId, newestFirst, request);
}

/**
 * One client of the organization.
 * @throws ApiError `not_found` for an unknown id or a client of another organization
 */
export function getOauthClient(sandbox: Sandbox, orgId: string, clientId: string): OAuthClient {
  const client = sandbox.store.clients.get(clientId);
  if (!client || client.orgId !== orgId) {
    throw new ApiError('not_found', `No OAuth client ${quote(clientId)} exists in your organization.`);
  }
  return client;
}

/**
 * Deletes a client and revokes every access and refresh token issued to it, so none of them
 * works a moment longer.
 * @throws ApiError `not_found` for an unknown id or a client of another organization
 * @see RFC 7009 §2.1 (revoking a grant revokes its tokens)
 */
export function deleteOauthClient(sandbox: Sandbox, orgId: string, clientId: string): OAuthClient {
  const client = getOauthClient(sandbox, orgId, clientId);
  const now = sandbox.clock.now();
  const { store } = sandbox;
  store.accessTokens.updateWhere((row) => row.clientId === client.id && row.revokedAt === null, { revokedAt: now });
  store.refreshTokens.updateWhere((row) => row.clientId === client.id && row.revokedAt === null, { revokedAt: now });
  store.clients.delete(client.id);
  return client;
}
