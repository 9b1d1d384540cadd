/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3).
 */
import { decodeJwt } from 'jose';

import { verifyClientJwt } from '../credentials/client-jwt';
import { ApiError } from '../errors';
import type { OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { hashSecret, matchesHash } from '../secrets';
import type { OAuthParams } from './params';

/** Client authentication methods by their RFC 8414 names. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'none';

/** The endpoints that authenticate clients. */
export type ClientAuthEndpoint = 'token' | 'revocation' | 'introspection' | 'device_authorization';

/** Methods that send the client secret itself. */
const secretMethods: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post'];

/** `client_assertion_type` of a client-signed JWT (RFC 7523 §2.2). */
export const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * What each endpoint accepts; the metadata document publishes exactly this. `none` is a public
 * client naming itself by `client_id`: enough to refresh its own tokens or revoke them, never to
 * introspect (RFC 7662 §2.1 requires authentication).
 */
export const clientAuthMethods: Readonly<Record<ClientAuthEndpoint, readonly ClientAuthMethod[]>> = {
  token: [...secretMethods, 'client_secret_jwt', 'none'],
  revocation: [...secretMethods, 'none'],
  introspection: secretMethods,
  device_authorization: [...secretMethods, 'none'],
};

/** What the caller presented: the `Authorization` header and the form parameters. */
export interface ClientAuthRequest {
  authorization: string | null | undefined;
  params: OAuthParams;
  /**
   * The `aud` values a `client_assertion` may carry: the token endpoint URL and the issuer
   * identifier. Without them, client-signed JWTs are refused.
   */
  assertionAudiences?: readonly string[];
}

export interface AuthenticatedClient {
  client: OAuthClient;
  method: ClientAuthMethod;
}

const clientIdPattern = /^cli_[A-Za-z0-9]{3,32}$/;
// Compared against when the client is unknown, so a miss costs the same as a wrong secret.
const absentHash = '0'.repeat(64);

function failed(message = 'Client authentication failed.'): ApiError {
  return new ApiError('invalid_client', message);
}

/** RFC 6749 Appendix B: `+` is a space, then percent-decoding. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw failed('The Basic credentials are not form-urlencoded client_id:client_secret.');
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `Authorization: Basic` client credentials: base64 of `client_id:client_secret`, each
 * half form-urlencoded first.
 * @throws ApiError `invalid_client` when the header is not that
 * @see RFC 6749 §2.3.1
 */
export function parseBasicClientCredentials(authorization: string): { clientId: string; secret: string } {
  const malformed = 'The Basic credentials must be base64 of client_id:client_secret.';
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(authorization.replace(/^basic +/i, '').trim()), (char) => char.charCodeAt(0));
    decoded = strictUtf8.decode(bytes);
  } catch {
    throw failed(malformed);
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw failed(malformed);
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  if (clientId === '' || secret === '') throw failed(malformed);
  return { clientId, secret };
}

/**
 * The client a request names, before anything is verified: the Basic credentials' client, else
 * the form `client_id`, else the `iss` of a client assertion. Only for choices made before
 * authentication (the rate-limit window to count the request in); never a refusal, so it never
 * throws: Basic credentials that {@link parseBasicClientCredentials} would refuse, or an assertion
 * that is not a JWT, name no client.
 * @see RFC 6749 §2.3.1; RFC 7523 §3 (`iss` is the client_id)
 */
export function claimedClientId(request: Pick<ClientAuthRequest, 'authorization' | 'params'>): string | undefined {
  const { authorization, params } = request;
  if (authorization && /^basic /i.test(authorization)) {
    try {
      return parseBasicClientCredentials(authorization).clientId;
    } catch {
      return undefined;
    }
  }
  if (params.client_id !== undefined) return params.client_id;
  if (params.client_assertion === undefined) return undefined;
  const { issuer } = peekClaims(params.client_assertion);
  return typeof issuer === 'string' ? issuer : undefined;
}

/** The one method the request uses. */
function presentedMethod(request: ClientAuthRequest): ClientAuthMethod | undefined {
  const { authorization, params } = request;
  const used: ClientAuthMethod[] = [];
  if (authorization) {
    if (!/^basic /i.test(authorization)) throw failed('Only the Basic scheme authenticates a client here.');
    used.push('client_secret_basic');
  }
  if (params.client_secret !== undefined) used.push('client_secret_post');
  if (params.client_assertion !== undefined || params.client_assertion_type !== undefined) used.push('client_secret_jwt');
  if (used.length > 1) {
    throw new ApiError('invalid_request', `Use exactly one client authentication method; this request used ${used.join(' and ')}.`);
  }
  return used[0] ?? (params.client_id === undefined ? undefined : 'none');
}

function unsupported(method: ClientAuthMethod | undefined, endpoint: ClientAuthEndpoint): ApiError {
  const accepted = clientAuthMethods[endpoint];
  if (method === undefined) {
    const jwt = accepted.includes('client_secret_jwt') ? ', a client_assertion JWT' : '';
    return failed(
      accepted.includes('none')
        ? `Client authentication is required: send HTTP Basic credentials, client_id and client_secret${jwt}, or (public clients) client_id.`
        : `Client authentication is required: send HTTP Basic credentials or client_id and client_secret${jwt}.`,
    );
  }
  if (method === 'none') return failed('This endpoint requires client authentication; public clients cannot use it.');
  return failed(`This endpoint does not accept ${method}; use ${accepted.filter((name) => name !== 'none').join(' or ')}.`);
}

/**
 * Identifies and authenticates the client calling an authorization-server endpoint. Exactly one
 * method may be used; a public client names itself with `client_id` alone where the endpoint
 * allows `none`. Secrets are compared in constant time, and an unknown client costs as much as a
 * wrong secret.
 *
 * @throws ApiError `invalid_request` when several methods are used at once or a form `client_id`
 *   contradicts the Basic credentials; `invalid_client` when the client is unknown, the secret is
 *   wrong, the method is not accepted here or does not suit the client's type, or the client can
 *   no longer act (its organization is gone or the member who registered it was removed)
 * @see RFC 6749 §2.3, §3.2.1 and §5.2; RFC 7009 §2.1; RFC 7662 §2.1
 */
export async function authenticateClient(sandbox: Sandbox, request: ClientAuthRequest, endpoint: ClientAuthEndpoint): Promise<AuthenticatedClient> {
  const method = presentedMethod(request);
  if (method === undefined || !clientAuthMethods[endpoint].includes(method)) throw unsupported(method, endpoint);
  if (method === 'client_secret_jwt') return checkClientCanAct(sandbox, await authenticateClientJwt(sandbox, request), method);

  const { params } = request;
  let clientId: string;
  let secret: string | undefined;
  if (method === 'client_secret_basic') {
    ({ clientId, secret } = parseBasicClientCredentials(request.authorization ?? ''));
    if (params.client_id !== undefined && params.client_id !== clientId) {
      throw new ApiError('invalid_request', 'The form client_id differs from the client in the Authorization header.', { field: 'client_id' });
    }
  } else if (method === 'client_secret_post') {
    if (params.client_id === undefined) {
      throw new ApiError('invalid_request', 'client_secret must come with client_id (client_secret_post).', { field: 'client_id' });
    }
    clientId = params.client_id;
    secret = params.client_secret;
  } else {
    clientId = params.client_id ?? '';
  }

  const { store } = sandbox;
  const client = clientIdPattern.test(clientId) ? store.clients.get(clientId) : undefined;
  if (secret !== undefined) {
    const matches = await matchesHash(secret, client?.secretHash ?? absentHash);
    if (client?.type === 'public') throw failed(`${client.id} is a public client and has no secret: send client_id only.`);
    if (!client || !matches) throw failed();
  } else {
    // Hash anyway, so a public-client lookup takes as long as a secret check.
    await hashSecret(clientId);
    if (!client) throw failed();
    if (client.type === 'confidential') throw failed(`${client.id} is a confidential client: authenticate with its client secret.`);
  }

  return checkClientCanAct(sandbox, client, method);
}

/** A client whose organization is gone, or whose registering member left, can no longer act. */
function checkClientCanAct(sandbox: Sandbox, client: OAuthClient, method: ClientAuthMethod): AuthenticatedClient {
  const { store } = sandbox;
  const creator = store.users.get(client.createdBy);
  if (!store.orgs.get(client.orgId)) throw failed();
  if (!creator || creator.removedAt !== null) {
    throw failed(`${client.id} was registered by a member who has left the organization; register the client again.`);
  }
  return { client, method };
}

/** The unverified `iss` and `aud` of an assertion: only to pick what to verify it against. */
function peekClaims(assertion: string): { issuer: unknown; audiences: unknown[] } {
  try {
    const { iss, aud } = decodeJwt(assertion);
    return { issuer: iss, audiences: Array.isArray(aud) ? aud : [aud] };
  } catch {
    return { issuer: undefined, audiences: [] };
  }
}

/**
 * `client_secret_jwt`: an HS256 JWT signed with the client secret, whose `aud` is the token
 * endpoint URL or the issuer identifier. Its `jti` is remembered, so it works once.
 * @throws ApiError `invalid_request` (assertion or its type missing, `client_id` naming another
 *   client); `invalid_client` (another assertion type, or a JWT that fails verification)
 * @see RFC 7523 §2.2 and §3; RFC 7521 §4.2
 */
async function authenticateClientJwt(sandbox: Sandbox, request: ClientAuthRequest): Promise<OAuthClient> {
  const { client_assertion: assertion, client_assertion_type: type, client_id: clientId } = request.params;
  if (type === undefined || assertion === undefined) {
    throw new ApiError('invalid_request', 'client_secret_jwt needs both client_assertion_type and client_assertion.', {
      field: type === undefined ? 'client_assertion_type' : 'client_assertion',
    });
  }
  if (type !== jwtBearerAssertionType) throw failed(`client_assertion_type must be ${jwtBearerAssertionType}.`);
  if (assertion.length > 4096) throw failed('The client_assertion is longer than 4096 characters.');
  const accepted = request.assertionAudiences ?? [];
  const { issuer, audiences } = peekClaims(assertion);
  if (clientId !== undefined && typeof issuer === 'string' && clientId !== issuer) {
    throw new ApiError('invalid_request', 'The form client_id differs from the client that signed the client_assertion.', { field: 'client_id' });
  }
  // The verifier checks one audience: the accepted one the JWT names, else the token endpoint (named in its refusal).
  const audience = accepted.find((candidate) => audiences.includes(candidate)) ?? accepted[0];
  if (audience === undefined) throw failed('Client-signed JWTs are not accepted here.');
  const { client } = await verifyClientJwt(sandbox, assertion, audience, 'invalid_client');
  return client;
}
