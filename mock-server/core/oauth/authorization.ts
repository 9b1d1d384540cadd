/**
 * The authorization endpoint (RFC 6749 §4.1.1–§4.1.2): checking an authorization request, the
 * user's decision on the consent page, and the single-use code it yields.
 */
import { ApiError, quote } from '../errors';
import type { AuthorizationCode, OAuthClient, Org } from '../model';
import { randomId, randomToken } from '../random';
import type { Sandbox } from '../sandbox';
import { holdsScope, offlineAccess } from '../scopes';
import { hashSecret } from '../secrets';
import { storeCaps } from '../store';
import { type OAuthParams, parseScope } from './params';
import { codeChallengePattern, isRegisteredRedirectUri, redirectWith } from './pkce';
import { signInOnPage } from './sign-in';
import { accessTokenLifetimeSeconds } from './tokens';

/** Authorization codes live one minute (RFC 6749 §4.1.2 recommends at most ten). */
export const authorizationCodeLifetimeSeconds = 60;

/** Error codes the authorization endpoint sends on the redirect (RFC 6749 §4.1.2.1). */
export type AuthorizationErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'temporarily_unavailable';

/** A checked authorization request: who asks, for what, and where the answer goes. */
export interface AuthorizationRequest {
  client: OAuthClient;
  /** The client's organization: the only one its tokens can act in. */
  org: Org;
  /** As the client sent it (it must send the same string to the token endpoint). */
  redirectUri: string;
  state: string;
  /** Permission scopes requested, in request order. */
  scopes: string[];
  /** `offline_access` was requested: approval also yields a refresh token. */
  offline: boolean;
  codeChallenge: string;
}

/** Where an answer to the client goes, once the client and its redirect URI are trusted. */
export interface TrustedRedirect {
  client: OAuthClient;
  redirectUri: string;
  /** The client's `state`, when it sent a well-formed one. */
  state: string | undefined;
}

/** The outcome of checking a request whose client and redirect URI are trusted. */
export type AuthorizationCheck =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; redirect: TrustedRedirect; error: AuthorizationErrorCode; description: string };

/** The parameters of an authorization request, and the names that were sent more than once. */
export interface AuthorizationParams {
  params: OAuthParams;
  repeated: ReadonlySet<string>;
}

/**
 * Reads the authorization request from a query string: empty values count as omitted, repeats
 * are noted (a repeated parameter makes the request invalid).
 * @see RFC 6749 §3.1
 */
export function readAuthorizationQuery(query: URLSearchParams): AuthorizationParams {
  const params: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of query) {
    if (Object.hasOwn(params, name)) repeated.add(name);
    else if (value !== '') params[name] = value;
  }
  return { params, repeated };
}

const clientIdPattern = /^cli_[A-Za-z0-9]{3,32}$/;
const statePattern = /^[\u0020-\u007E]{1,512}$/;

const untrusted = (message: string): ApiError => new ApiError('invalid_request', message);

/**
 * Establishes that the client exists and may act, and that `redirect_uri` is one it registered.
 * Until both hold, nothing may be sent to the redirect URI.
 * @throws ApiError `invalid_request` (shown as an error page, never redirected)
 * @see RFC 6749 §4.1.2.1 (first paragraph), §3.1.2.4
 */
function checkTrustedRedirect(sandbox: Sandbox, { params, repeated }: AuthorizationParams): TrustedRedirect & { org: Org } {
  const { store } = sandbox;
  if (repeated.has('client_id')) throw untrusted('The client_id parameter is repeated.');
  const clientId = params.client_id;
  if (clientId === undefined) throw untrusted('The client_id parameter is missing.');
  const client = clientIdPattern.test(clientId) ? store.clients.get(clientId) : undefined;
  if (!client) throw untrusted(`There is no client ${quote(clientId)} in this sandbox.`);
  const org = store.orgs.get(client.orgId);
  const creator = store.users.get(client.createdBy);
  if (!org || !creator || creator.removedAt !== null) {
    throw untrusted(`${client.name} can no longer sign anyone in: the member who registered it has left the organization.`);
  }
  if (repeated.has('redirect_uri')) throw untrusted('The redirect_uri parameter is repeated.');
  const redirectUri = params.redirect_uri;
  if (redirectUri === undefined) throw untrusted('The redirect_uri parameter is missing.');
  if (redirectUri.length > 2048 || !isRegisteredRedirectUri(client.redirectUris, redirectUri)) {
    throw untrusted(`The redirect_uri is not registered for ${client.name} (${client.id}).`);
  }
  const state = params.state;
  const wellFormedState = state !== undefined && !repeated.has('state') && statePattern.test(state) ? state : undefined;
  return { client, org, redirectUri, state: wellFormedState };
}

/**
 * Checks an authorization request (from `GET /oauth2/authorize`, or the consent form that
 * repeats it). Unknown parameters are ignored. PKCE with S256 is required of every client.
 *
 * @returns the checked request, or the error to send to the (trusted) redirect URI
 * @throws ApiError `invalid_request` when the client is unknown or cannot act, or `redirect_uri`
 *   is missing or not registered: the caller shows an error page and does not redirect
 * @see RFC 6749 §4.1.1 and §4.1.2.1; RFC 7636 §4.3 and §4.4.1; RFC 9700 §2.1.1
 */
export function checkAuthorizationRequest(sandbox: Sandbox, request: AuthorizationParams): AuthorizationCheck {
  const { client, org, redirectUri, state } = checkTrustedRedirect(sandbox, request);
  const redirect: TrustedRedirect = { client, redirectUri, state };
  const refuse = (error: AuthorizationErrorCode, description: string): AuthorizationCheck => ({ ok: false, redirect, error, description });
  const { params, repeated } = request;

  const repeat = [...repeated][0];
  if (repeat !== undefined) return refuse('invalid_request', `The ${quote(repeat, 40)} parameter is repeated.`);
  if (params.response_type === undefined) return refuse('invalid_request', 'The response_type parameter is missing; use code.');
  if (params.response_type !== 'code') return refuse('unsupported_response_type', 'Only response_type=code is supported.');
  if (!client.grantTypes.includes('authorization_code')) {
    return refuse('unauthorized_client', `${client.id} is not registered for the authorization_code grant.`);
  }
  if (state === undefined) {
    return refuse('invalid_request', 'The state parameter is required: 1 to 512 printable ASCII characters.');
  }
  const method = params.code_challenge_method;
  const challenge = params.code_challenge;
  if (challenge === undefined || method === undefined) {
    return refuse('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
  }
  if (method !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256; plain is not accepted.');
  if (!codeChallengePattern.test(challenge)) {
    return refuse('invalid_request', 'code_challenge must be 43 base64url characters (the S256 hash of the code_verifier).');
  }
  if (params.scope === undefined) return refuse('invalid_scope', 'The scope parameter is required.');
  let requested: string[];
  try {
    requested = parseScope(params.scope);
  } catch (error) {
    return refuse('invalid_scope', error instanceof ApiError ? error.message : 'The scope parameter is invalid.');
  }
  const allowed = client.allowedScopes;
  const beyond = requested.find((scope) => (scope === offlineAccess ? !allowed.includes(offlineAccess) : !holdsScope(allowed, scope)));
  if (beyond !== undefined) return refuse('invalid_scope', `${beyond} is not among the scopes ${client.id} may request.`);
  const offline = requested.includes(offlineAccess);
  if (offline && !client.grantTypes.includes('refresh_token')) {
    return refuse('invalid_scope', `offline_access needs the refresh_token grant, which ${client.id} is not registered for.`);
  }
  const scopes = requested.filter((scope) => scope !== offlineAccess);
  return { ok: true, request: { client, org, redirectUri, state, scopes, offline, codeChallenge: challenge } };
}

/** The user's answer on the consent page. */
export type ConsentDecision =
  /** Send the browser here: the client's redirect URI with a code, or with an error. */
  | { outcome: 'redirect'; location: string }
  /** Show the consent page again with this message (a failed sign-in); nothing was written. */
  | { outcome: 'retry'; request: AuthorizationRequest; message: string; username: string | undefined };

/** The redirect that reports an authorization error to the client. */
export function errorRedirect(check: Extract<AuthorizationCheck, { ok: false }>): string {
  return redirectWith(check.redirect.redirectUri, { error: check.error, error_description: check.description, state: check.redirect.state });
}

/** Expired codes, used codes whose tokens have expired, and codes of deleted clients are forgotten. */
function sweepAuthorizationCodes(sandbox: Sandbox): void {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const gone = (code: AuthorizationCode): boolean =>
    !store.clients.get(code.clientId) ||
    (code.usedAt === null ? code.expiresAt <= now : code.usedAt + accessTokenLifetimeSeconds * 1000 <= now);
  for (const code of store.authorizationCodes.filter(gone)) store.authorizationCodes.delete(code.id);
}

/**
 * Applies the consent form: checks the repeated authorization request, then the decision. A
 * denial goes back to the client as `access_denied`; an approval needs a correct sign-in by a
 * member of the client's organization and yields a single-use code bound to the client, the
 * redirect URI and the PKCE challenge. Only an approval writes (the code).
 *
 * @throws ApiError `invalid_request` for an untrusted client or redirect URI, or a `decision`
 *   other than `approve`/`deny` (an error page)
 * @see RFC 6749 §4.1.2 and §10.5; RFC 7636 §4.4
 */
export async function decideAuthorization(sandbox: Sandbox, form: OAuthParams): Promise<ConsentDecision> {
  const repeated = new Set<string>();
  const check = checkAuthorizationRequest(sandbox, { params: form, repeated });
  const decision = form.decision;
  if (decision !== 'approve' && decision !== 'deny') throw new ApiError('invalid_request', 'decision must be approve or deny.', { field: 'decision' });
  if (!check.ok) return { outcome: 'redirect', location: errorRedirect(check) };
  const { request } = check;
  if (decision === 'deny') {
    return {
      outcome: 'redirect',
      location: redirectWith(request.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: request.state }),
    };
  }

  const retry = (message: string): ConsentDecision => ({ outcome: 'retry', request, message, username: form.username });
  const signedIn = await signInOnPage(sandbox, form, 'Enter your email and password to allow access.');
  if ('message' in signedIn) return retry(signedIn.message);
  const { user } = signedIn;
  if (user.orgId !== request.client.orgId) {
    return retry(`${request.client.name} belongs to ${request.org.name}; sign in with an account of that organization.`);
  }

  const code = randomToken();
  const codeHash = await hashSecret(code);
  // No await from here on: the cap check and the write are one step.
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const pending = store.authorizationCodes.count((row) => row.clientId === request.client.id && row.usedAt === null && row.expiresAt > now);
  if (pending >= storeCaps.pendingAuthorizationsPerClient) {
    return {
      outcome: 'redirect',
      location: redirectWith(request.redirectUri, {
        error: 'temporarily_unavailable',
        error_description: `Too many unredeemed codes for this client; retry in ${authorizationCodeLifetimeSeconds} seconds.`,
        state: request.state,
      }),
    };
  }
  sweepAuthorizationCodes(sandbox);
  store.authorizationCodes.put({
    id: randomId('acd'),
    codeHash,
    clientId: request.client.id,
    orgId: request.client.orgId,
    userId: user.id,
    redirectUri: request.redirectUri,
    scopes: [...request.scopes],
    offline: request.offline,
    codeChallenge: request.codeChallenge,
    createdAt: now,
    expiresAt: now + authorizationCodeLifetimeSeconds * 1000,
    usedAt: null,
    issued: null,
  });
  return { outcome: 'redirect', location: redirectWith(request.redirectUri, { code, state: request.state }) };
}
