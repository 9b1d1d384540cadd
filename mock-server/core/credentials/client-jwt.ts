import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';

import { ApiError } from '../errors';
import type { OAuthClient } from '../model';
import type { Sandbox } from '../sandbox';
import { offlineAccess } from '../scopes';

/** The audience of client-signed JWTs used as bearer credentials on `/v1`. */
export const apiAudience = 'datastack-api';

/** Longest a client-signed JWT may live (`exp - iat`), in seconds. */
export const maxJwtLifetimeSeconds = 300;

/** Clock skew tolerated between the client and the sandbox, in seconds. */
export const skewSeconds = 30;

/** Storing at most this many accepted `jti`s keeps the replay cache bounded. */
const maxRememberedJwtIds = 10_000;

// The signature part may be empty: an `alg: none` token must get an explicit refusal, not "unknown".
export const looksLikeJwt = (value: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);

export interface VerifiedClientJwt {
  client: OAuthClient;
  /** The scopes the JWT may use: the client's allowed scopes, or the subset its `scope` claim names. */
  scopes: string[];
  expiresAt: number;
}

/**
 * Verifies a JWT a confidential client signed with its own secret (RFC 7523 §3; RFC 8725 rules:
 * the algorithm is pinned to HS256, never taken from the token), and records its `jti` so it
 * cannot be replayed.
 *
 * @param audience `datastack-api` for a bearer credential, the token endpoint URL for a
 *   `client_assertion`
 * @param code the error code a refusal carries: `invalid_token` on `/v1`, `invalid_client` at
 *   the token endpoint
 * @throws ApiError `code`, with a message that says which rule the JWT broke
 * @see RFC 7523 §3, RFC 8725 §3.1
 */
export async function verifyClientJwt(sandbox: Sandbox, jwt: string, audience: string, code: 'invalid_token' | 'invalid_client'): Promise<VerifiedClientJwt> {
  const refuse = (message: string): ApiError => new ApiError(code, message, { reason: 'unknown' });
  let alg: unknown;
  let typ: unknown;
  let issuer: unknown;
  try {
    ({ alg, typ } = decodeProtectedHeader(jwt));
    issuer = decodeJwt(jwt).iss;
  } catch {
    throw refuse('The JWT is malformed.');
  }
  if (typ !== undefined && (typeof typ !== 'string' || typ.toUpperCase() !== 'JWT')) throw refuse('The JWT header typ must be JWT.');
  if (alg !== 'HS256') throw refuse(`The JWT must be signed with HS256, not ${typeof alg === 'string' ? alg.slice(0, 16) : 'an unknown algorithm'}.`);
  const client = typeof issuer === 'string' ? sandbox.store.clients.get(issuer) : undefined;
  if (!client?.signingSecret) throw refuse('The JWT issuer (iss) is not a confidential client of this sandbox.');

  const now = sandbox.clock.now();
  let payload;
  try {
    ({ payload } = await jwtVerify(jwt, new TextEncoder().encode(client.signingSecret), {
      algorithms: ['HS256'],
      issuer: client.id,
      subject: client.id,
      audience,
      currentDate: new Date(now),
      clockTolerance: skewSeconds,
      maxTokenAge: maxJwtLifetimeSeconds + skewSeconds,
      requiredClaims: ['iat', 'exp', 'jti'],
    }));
  } catch (error) {
    throw refuse(describeJoseError(error, audience));
  }
  const { iat, exp, jti } = payload as { iat: number; exp: number; jti: unknown };
  if (exp - iat > maxJwtLifetimeSeconds) throw refuse(`The JWT may live at most ${maxJwtLifetimeSeconds} seconds (exp - iat).`);
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 128) throw refuse('The JWT needs a jti of 1 to 128 characters.');

  const allowed = client.allowedScopes.filter((scope) => scope !== offlineAccess);
  let scopes = allowed;
  if (payload.scope !== undefined) {
    const requested = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    if (requested.length === 0 || requested.some((scope) => !allowed.includes(scope))) {
      throw refuse('The JWT scope claim names scopes this client may not use.');
    }
    scopes = requested;
  }

  const replayKey = `${client.id} ${jti}`;
  const { usedJwtIds } = sandbox.store;
  if (usedJwtIds.get(replayKey)) throw refuse('This JWT was already used (its jti was seen before); sign a new one.');
  for (const used of usedJwtIds.values()) if (used.expiresAt <= now) usedJwtIds.delete(used.id);
  if (usedJwtIds.size >= maxRememberedJwtIds) throw new ApiError('rate_limited', 'Too many client JWTs in flight; retry in a minute.', { retry_after: 60 });
  usedJwtIds.put({ id: replayKey, expiresAt: (exp + skewSeconds) * 1000 });
  return { client, scopes, expiresAt: exp * 1000 };
}

function describeJoseError(error: unknown, audience: string): string {
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'The JWT was issued too long ago.' : 'The JWT expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return `The JWT audience (aud) must be ${audience}.`;
      case 'iat':
        return 'The JWT is dated in the future (iat).';
      case 'nbf':
        return 'The JWT is not valid yet (nbf).';
      case 'sub':
        return 'The JWT subject (sub) must be the client id.';
      case 'iss':
        return 'The JWT issuer (iss) must be the client id.';
      default:
        return `The JWT is missing or has an invalid ${error.claim} claim.`;
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The JWT signature does not match the client secret.';
  return 'The JWT could not be verified.';
}
