import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import { audienceOf, buildClientJwt, type Inspection, inspectJwt } from './jwt';

const nowMs = 1_750_000_000_000;
const now = nowMs / 1000;
const secret = 'dscs_rUYkGISVTJnsXg4R7dB2aMx2mChj-ezmaQ0yiD7XH_K';
const input = { clientId: 'cli_reporting', secret, audience: 'datastack-api', lifetimeSeconds: 120, nowMs };

async function built(overrides: Partial<typeof input> & { scope?: string } = {}): Promise<string> {
  const result = await buildClientJwt({ ...input, ...overrides });
  if (!result.ok) throw new Error(result.problem);
  return result.jwt;
}

function decoded(inspection: Inspection): Extract<Inspection, { ok: true }> {
  if (!inspection.ok) throw new Error(inspection.problem);
  return inspection;
}

const fields = (inspection: Inspection) => decoded(inspection).findings.map((finding) => finding.field);

/** The token with its claims replaced, keeping the original header and signature. */
function withClaims(jwt: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('build, decode, verify', () => {
  it('round-trips: the decoded claims are those built, the signature is valid, no rule is broken', async () => {
    const jwt = await built({ scope: ' read:clusters  read:workspaces ' });
    const inspection = decoded(await inspectJwt(jwt, { secret, nowMs: nowMs + 10_000 }));
    expect(inspection.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(inspection.claims).toMatchObject({
      iss: 'cli_reporting',
      sub: 'cli_reporting',
      aud: 'datastack-api',
      iat: now,
      exp: now + 120,
      scope: 'read:clusters read:workspaces',
    });
    expect(inspection.claims.jti).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(inspection.signature).toEqual({ status: 'valid' });
    expect(inspection.findings).toEqual([]);
    expect(inspection.times.map((time) => [time.claim, time.description])).toEqual([
      ['iat', '2025-06-15 15:06:40 UTC (10 seconds ago)'],
      ['exp', '2025-06-15 15:08:40 UTC (in 2 minutes)'],
    ]);
  });

  it('gives every token a fresh jti', async () => {
    const jtis = await Promise.all([built(), built(), built()].map(async (jwt) => decoded(await inspectJwt(await jwt, { nowMs })).claims.jti));
    expect(new Set(jtis).size).toBe(3);
  });

  it('signs for the token endpoint when asked', async () => {
    const jwt = await built({ audience: audienceOf('sandbox-token-endpoint') });
    const inspection = decoded(await inspectJwt(jwt, { secret, nowMs }));
    expect(inspection.claims.aud).toBe('https://sandbox.datastack.test/oauth2/token');
    expect(inspection.findings).toEqual([]);
  });

  it('fails a tampered token, and the wrong secret', async () => {
    const jwt = await built();
    const tampered = withClaims(jwt, (claims) => {
      claims.sub = 'cli_desktop';
      claims.iss = 'cli_desktop';
    });
    expect(decoded(await inspectJwt(tampered, { secret, nowMs })).signature).toEqual({ status: 'invalid' });
    expect(decoded(await inspectJwt(jwt, { secret: `${secret}x`, nowMs })).signature).toEqual({ status: 'invalid' });
  });

  it('leaves the signature unchecked without a secret', async () => {
    expect(decoded(await inspectJwt(await built(), { nowMs })).signature).toEqual({
      status: 'unchecked',
      why: 'Enter the client secret to check the signature.',
    });
  });
});

describe('DataStack rules', () => {
  it('flags alg none and has no signature to check', async () => {
    const jwt = new UnsecuredJWT({ iss: 'cli_reporting', sub: 'cli_reporting', aud: 'datastack-api', jti: 'x' }).setIssuedAt(now).setExpirationTime(now + 60).encode();
    const inspection = decoded(await inspectJwt(jwt, { secret, nowMs }));
    expect(inspection.signature).toEqual({ status: 'absent' });
    expect(inspection.findings).toEqual([
      { field: 'alg', message: 'alg is none: the token is unsigned, so anyone could have written it. DataStack refuses it; sign with HS256.' },
    ]);
  });

  it('flags another algorithm', async () => {
    const jwt = await new SignJWT({ jti: 'x' }).setProtectedHeader({ alg: 'HS512' }).setIssuer('c').setSubject('c').setAudience('datastack-api').setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode(secret));
    const inspection = decoded(await inspectJwt(jwt, { secret, nowMs }));
    expect(inspection.findings.map((finding) => finding.message)).toEqual(['alg is HS512; DataStack accepts only HS256 and never takes the algorithm from the token.']);
    expect(inspection.signature).toMatchObject({ status: 'unchecked' });
  });

  it('flags a foreign audience, a long lifetime, a missing jti, and iss differing from sub', async () => {
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setIssuer('cli_a').setSubject('cli_b').setAudience('https://api.example.com').setIssuedAt(now).setExpirationTime(now + 3600).sign(new TextEncoder().encode(secret));
    const inspection = decoded(await inspectJwt(jwt, { secret, nowMs }));
    expect(inspection.signature).toEqual({ status: 'valid' });
    expect(inspection.findings).toEqual([
      { field: 'typ', message: 'typ, when present, must be JWT.' },
      { field: 'sub', message: 'sub differs from iss: both must be the client id.' },
      {
        field: 'aud',
        message:
          'aud must be datastack-api (a bearer credential on /v1) or the token endpoint URL, such as https://sandbox.datastack.test/oauth2/token (a client_assertion), not https://api.example.com.',
      },
      { field: 'exp', message: 'exp - iat is 3600 seconds; DataStack accepts at most 300.' },
      { field: 'jti', message: 'jti is missing: DataStack needs a unique id per token to refuse replays.' },
    ]);
  });

  it('accepts an audience list that names DataStack, and the issuer identifier', async () => {
    for (const aud of [['https://other.example', 'datastack-api'], 'http://127.0.0.1:4010']) {
      const jwt = await new SignJWT({ jti: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('c').setSubject('c').setAudience(aud).setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode(secret));
      expect(fields(await inspectJwt(jwt, { secret, nowMs }))).toEqual([]);
    }
  });

  it('flags missing times, an expired token and one dated in the future', async () => {
    const jwt = await built();
    expect(fields(await inspectJwt(jwt, { nowMs: nowMs + 121_000 }))).toEqual(['exp']);
    expect(fields(await inspectJwt(jwt, { nowMs: nowMs - 5_000 }))).toEqual(['iat']);
    const timeless = withClaims(jwt, (claims) => {
      delete claims.iat;
      delete claims.exp;
    });
    expect(fields(await inspectJwt(timeless, { nowMs }))).toEqual(['iat', 'exp']);
  });

  it('refuses what is not a JWT, without throwing', async () => {
    await expect(inspectJwt('not a token', { nowMs })).resolves.toEqual({ ok: false, problem: 'This is not a JWT: a JWT is three base64url parts separated by dots.' });
    await expect(inspectJwt('abc.def.ghi', { nowMs })).resolves.toEqual({
      ok: false,
      problem: 'This is not a JWT: its header or claims are not base64url-encoded JSON objects.',
    });
  });
});

describe('buildClientJwt', () => {
  it.each([
    [{ clientId: ' ' }, 'Enter the client id: it goes in iss and sub.'],
    [{ secret: '' }, 'Enter the client secret: it is the HS256 key.'],
    [{ audience: '' }, 'Choose an audience (aud).'],
    [{ lifetimeSeconds: 301 }, 'The lifetime is a whole number of seconds from 1 to 300.'],
    [{ lifetimeSeconds: 0 }, 'The lifetime is a whole number of seconds from 1 to 300.'],
    [{ lifetimeSeconds: 1.5 }, 'The lifetime is a whole number of seconds from 1 to 300.'],
  ])('refuses %o', async (overrides, problem) => {
    await expect(buildClientJwt({ ...input, ...overrides })).resolves.toEqual({ ok: false, problem });
  });
});
