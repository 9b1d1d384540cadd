import { describe, expect, it } from 'vitest';

import { authorizeParameters, checkPair, codeChallengeOf, generateCodeVerifier, unreservedCharacters, verifierProblem } from './pkce';

// RFC 7636 Appendix B. (A verifier sometimes quoted for it, `dBjftJeZ4CVP-mJ92K9qpiBnPVnWXQJ6M8lYSDVjRk0`,
// is not the RFC's and hashes to something else.)
const rfcVerifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const rfcChallenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('codeChallengeOf', () => {
  it('reproduces the S256 example of RFC 7636 Appendix B', async () => {
    expect(await codeChallengeOf(rfcVerifier)).toBe(rfcChallenge);
  });
});

describe('generateCodeVerifier', () => {
  it.each([43, 64, 128])('makes %d unreserved characters', (length) => {
    const verifier = generateCodeVerifier(length);
    expect(verifier).toHaveLength(length);
    expect([...verifier].every((character) => unreservedCharacters.includes(character))).toBe(true);
    expect(verifierProblem(verifier)).toBeUndefined();
  });

  it('never repeats itself', () => {
    expect(new Set(Array.from({ length: 50 }, () => generateCodeVerifier())).size).toBe(50);
  });

  it.each([42, 129, 50.5, Number.NaN])('refuses a length of %d', (length) => {
    expect(() => generateCodeVerifier(length)).toThrow(RangeError);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(generateCodeVerifier(128) + generateCodeVerifier(128) + generateCodeVerifier(128) + generateCodeVerifier(128));
    expect(seen.size).toBeGreaterThan(50);
  });
});

describe('checkPair', () => {
  it('confirms the RFC pair', async () => {
    await expect(checkPair(rfcVerifier, ` ${rfcChallenge}\n`)).resolves.toEqual({ challenge: rfcChallenge, matches: true, expectedMalformed: false });
  });

  it('confirms a generated pair', async () => {
    const verifier = generateCodeVerifier();
    const challenge = await codeChallengeOf(verifier);
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(checkPair(verifier, challenge)).resolves.toMatchObject({ matches: true });
  });

  it('reports a mismatch, and an expected value that cannot be an S256 challenge', async () => {
    await expect(checkPair(rfcVerifier, rfcChallenge.replace('E9', 'E8'))).resolves.toMatchObject({ matches: false, expectedMalformed: false });
    await expect(checkPair(rfcVerifier, `${rfcChallenge}=`)).resolves.toMatchObject({ matches: false, expectedMalformed: true });
  });

  it('still derives a challenge for a verifier the server would refuse, and says why', async () => {
    await expect(checkPair('too-short')).resolves.toEqual({
      challenge: await codeChallengeOf('too-short'),
      verifierProblem: 'It has 9 characters; a code verifier has 43 to 128.',
    });
    expect(verifierProblem(`${rfcVerifier}+`)).toBe('It contains "+"; only letters, digits and - . _ ~ are allowed.');
  });
});

describe('authorizeParameters', () => {
  it('names the challenge and the S256 method', () => {
    expect(authorizeParameters(rfcChallenge)).toEqual([
      ['code_challenge', rfcChallenge],
      ['code_challenge_method', 'S256'],
    ]);
  });
});
