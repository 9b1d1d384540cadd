/**
 * Builds and inspects client-signed JWTs (RFC 7523, HS256 with the client secret) the way the
 * DataStack sandbox judges them. Loaded on first use: it brings `jose` and the sandbox's rules.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, errors, type JWTPayload, type ProtectedHeaderParameters, SignJWT } from 'jose';

import { apiAudience, looksLikeJwt, maxJwtLifetimeSeconds } from '@site/mock-server/core/credentials/client-jwt';
import { randomToken } from '@site/mock-server/core/random';
import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';
import { localMockUrl } from '@site/src/console/servers';

import { describeUnixTime } from '../shared/time';

export { apiAudience, maxJwtLifetimeSeconds };

const encoder = new TextEncoder();

/** Where a client-signed JWT is presented, named without its URL so the form can offer it before this module loads. */
export type AudienceChoice = 'api' | 'sandbox-token-endpoint' | 'local-token-endpoint';

const tokenEndpoint = (origin: string): string => `${origin}/oauth2/token`;

/** The `aud` each place expects: `datastack-api` on `/v1`, the token endpoint URL for a `client_assertion`. */
export function audienceOf(choice: AudienceChoice): string {
  switch (choice) {
    case 'api':
      return apiAudience;
    case 'sandbox-token-endpoint':
      return tokenEndpoint(sandboxOrigin);
    case 'local-token-endpoint':
      return tokenEndpoint(localMockUrl);
  }
}

// The token endpoint also accepts its issuer identifier as audience (RFC 7523 §3).
const acceptedAudiences = [apiAudience, ...[sandboxOrigin, localMockUrl].flatMap((origin) => [tokenEndpoint(origin), origin])];

export interface BuildInput {
  clientId: string;
  secret: string;
  audience: string;
  lifetimeSeconds: number;
  /** Space-separated scopes to narrow the JWT to; empty for all the client may use. */
  scope?: string;
  nowMs: number;
}

export type BuildResult = { ok: true; jwt: string } | { ok: false; problem: string };

/**
 * Signs a JWT as a confidential client would: `iss` and `sub` the client id, the chosen `aud`,
 * `iat` now, `exp` within the sandbox's limit, a fresh random `jti`, HS256 with the client secret
 * (WebCrypto HMAC, through `jose`). Refuses input the sandbox would refuse rather than sign it.
 */
export async function buildClientJwt(input: BuildInput): Promise<BuildResult> {
  const clientId = input.clientId.trim();
  const scope = input.scope?.trim() ?? '';
  const { lifetimeSeconds } = input;
  if (clientId === '') return { ok: false, problem: 'Enter the client id: it goes in iss and sub.' };
  if (input.secret === '') return { ok: false, problem: 'Enter the client secret: it is the HS256 key.' };
  if (input.audience.trim() === '') return { ok: false, problem: 'Choose an audience (aud).' };
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > maxJwtLifetimeSeconds) {
    return { ok: false, problem: `The lifetime is a whole number of seconds from 1 to ${maxJwtLifetimeSeconds}.` };
  }
  const iat = Math.floor(input.nowMs / 1000);
  const jwt = await new SignJWT(scope === '' ? {} : { scope: scope.split(/\s+/).join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(input.audience.trim())
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .setJti(randomToken())
    .sign(encoder.encode(input.secret));
  return { ok: true, jwt };
}

export type SignatureStatus =
  | { status: 'valid' }
  | { status: 'invalid' }
  /** `alg: none`: there is nothing to check. */
  | { status: 'absent' }
  | { status: 'unchecked'; why: string };

export interface TimeClaim {
  claim: 'iat' | 'nbf' | 'exp';
  value: unknown;
  description: string;
}

export interface Finding {
  /** The claim or header parameter at fault. */
  field: string;
  message: string;
}

export type Inspection =
  | { ok: false; problem: string }
  | {
      ok: true;
      header: ProtectedHeaderParameters;
      claims: JWTPayload;
      times: TimeClaim[];
      signature: SignatureStatus;
      /** Every DataStack rule the token breaks; empty when the sandbox would accept it (given the right secret). */
      findings: Finding[];
    };

/**
 * Decodes a JWT, checks its signature when the secret is given, and lists every DataStack rule it
 * breaks. Never throws: a malformed token is a result.
 * @see RFC 7523 §3, RFC 8725 §3.1
 */
export async function inspectJwt(value: string, options: { secret?: string; nowMs: number }): Promise<Inspection> {
  const jwt = value.trim();
  if (!looksLikeJwt(jwt)) return { ok: false, problem: 'This is not a JWT: a JWT is three base64url parts separated by dots.' };
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(jwt);
    claims = decodeJwt(jwt);
  } catch {
    return { ok: false, problem: 'This is not a JWT: its header or claims are not base64url-encoded JSON objects.' };
  }
  const times = (['iat', 'nbf', 'exp'] as const)
    .filter((claim) => claims[claim] !== undefined)
    .map((claim) => ({ claim, value: claims[claim], description: describeUnixTime(claims[claim], options.nowMs) }));
  return {
    ok: true,
    header,
    claims,
    times,
    signature: await checkSignature(jwt, header, options.secret ?? ''),
    findings: [...headerFindings(header), ...claimFindings(claims, options.nowMs)],
  };
}

async function checkSignature(jwt: string, header: ProtectedHeaderParameters, secret: string): Promise<SignatureStatus> {
  if (header.alg === 'none') return { status: 'absent' };
  if (header.alg !== 'HS256') return { status: 'unchecked', why: 'DataStack verifies only HS256 signatures.' };
  if (secret === '') return { status: 'unchecked', why: 'Enter the client secret to check the signature.' };
  try {
    // The signature alone: the claims are judged by the rules below, so an expired token can still show a valid signature.
    await compactVerify(jwt, encoder.encode(secret), { algorithms: ['HS256'] });
    return { status: 'valid' };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { status: 'invalid' };
    return { status: 'unchecked', why: error instanceof Error ? error.message : 'The signature could not be checked.' };
  }
}

function headerFindings(header: ProtectedHeaderParameters): Finding[] {
  const findings: Finding[] = [];
  if (header.alg === 'none') {
    findings.push({ field: 'alg', message: 'alg is none: the token is unsigned, so anyone could have written it. DataStack refuses it; sign with HS256.' });
  } else if (header.alg !== 'HS256') {
    findings.push({ field: 'alg', message: `alg is ${String(header.alg)}; DataStack accepts only HS256 and never takes the algorithm from the token.` });
  }
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) {
    findings.push({ field: 'typ', message: 'typ, when present, must be JWT.' });
  }
  return findings;
}

function claimFindings(claims: JWTPayload, nowMs: number): Finding[] {
  const findings: Finding[] = [];
  const now = Math.floor(nowMs / 1000);
  const { iss, sub, aud, iat, exp, nbf, jti, scope } = claims;
  if (typeof iss !== 'string' || iss === '') findings.push({ field: 'iss', message: 'iss is missing: it must be the client id.' });
  if (typeof sub !== 'string' || sub === '') findings.push({ field: 'sub', message: 'sub is missing: it must be the client id.' });
  else if (typeof iss === 'string' && sub !== iss) findings.push({ field: 'sub', message: 'sub differs from iss: both must be the client id.' });

  const audiences = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
  if (!audiences.some((candidate) => acceptedAudiences.includes(candidate))) {
    findings.push({
      field: 'aud',
      message: `aud must be ${apiAudience} (a bearer credential on /v1) or the token endpoint URL, such as ${tokenEndpoint(sandboxOrigin)} (a client_assertion)${
        audiences.length === 0 ? '; it is missing' : `, not ${audiences.join(', ')}`
      }.`,
    });
  }

  const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  if (!isTime(iat)) findings.push({ field: 'iat', message: 'iat (issued at, in Unix seconds) is required.' });
  if (!isTime(exp)) findings.push({ field: 'exp', message: 'exp (expires at, in Unix seconds) is required.' });
  if (isTime(iat) && isTime(exp) && exp - iat > maxJwtLifetimeSeconds) {
    findings.push({ field: 'exp', message: `exp - iat is ${exp - iat} seconds; DataStack accepts at most ${maxJwtLifetimeSeconds}.` });
  }
  if (isTime(exp) && exp <= now) findings.push({ field: 'exp', message: 'The token has expired: sign a new one.' });
  if (isTime(iat) && iat > now) findings.push({ field: 'iat', message: 'iat lies in the future: check the clock of the machine that signed it.' });
  if (isTime(nbf) && nbf > now) findings.push({ field: 'nbf', message: 'The token is not valid yet (nbf).' });

  if (jti === undefined) findings.push({ field: 'jti', message: 'jti is missing: DataStack needs a unique id per token to refuse replays.' });
  else if (typeof jti !== 'string' || jti.length === 0 || jti.length > 128) findings.push({ field: 'jti', message: 'jti must be a string of 1 to 128 characters.' });

  if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) {
    findings.push({ field: 'scope', message: 'scope, when present, is a space-separated list of scopes the client may use.' });
  }
  return findings;
}
