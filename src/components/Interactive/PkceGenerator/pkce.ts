/**
 * The client side of PKCE (RFC 7636): make a code verifier, derive its S256 challenge, check a
 * pair. The challenge and the verifier rule come from the sandbox core, so the tool and the
 * authorization server cannot disagree.
 */
import { codeChallengePattern, codeVerifierPattern, s256Challenge } from '@site/mock-server/core/oauth/pkce';
import { randomString } from '@site/mock-server/core/random';

/** RFC 7636 §4.1: a verifier is 43 to 128 of these "unreserved" characters. */
export const unreservedCharacters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
export const minVerifierLength = 43;
export const maxVerifierLength = 128;

/** The method every DataStack client must use; `plain` is refused. */
export const challengeMethod = 'S256';

export { s256Challenge as codeChallengeOf };

/**
 * A fresh code verifier: `length` unreserved characters drawn uniformly from
 * `crypto.getRandomValues` (rejection sampling, so no character is likelier than another).
 * @throws RangeError when `length` is not a whole number from 43 to 128
 */
export function generateCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < minVerifierLength || length > maxVerifierLength) {
    throw new RangeError(`A code verifier has ${minVerifierLength} to ${maxVerifierLength} characters, not ${length}.`);
  }
  return randomString(length, unreservedCharacters);
}

/** Why the authorization server would refuse a verifier, or undefined when it is well formed. */
export function verifierProblem(verifier: string): string | undefined {
  if (codeVerifierPattern.test(verifier)) return undefined;
  if (verifier.length < minVerifierLength || verifier.length > maxVerifierLength) {
    return `It has ${verifier.length} characters; a code verifier has ${minVerifierLength} to ${maxVerifierLength}.`;
  }
  const stray = [...verifier].find((character) => !unreservedCharacters.includes(character)) ?? '';
  return `It contains ${JSON.stringify(stray)}; only letters, digits and - . _ ~ are allowed.`;
}

export interface PairCheck {
  /** The S256 challenge of the verifier as given. */
  challenge: string;
  /** Why the server would refuse the verifier itself, if it would. */
  verifierProblem?: string;
  /** Whether `challenge` equals the one expected; undefined when none was given. */
  matches?: boolean;
  /** The expected challenge cannot be an S256 output at all (wrong length or characters). */
  expectedMalformed?: boolean;
}

/** Derives a verifier's challenge and compares it with one the reader expects (a `code_challenge` they sent). */
export async function checkPair(verifier: string, expected = ''): Promise<PairCheck> {
  const challenge = await s256Challenge(verifier);
  const problem = verifierProblem(verifier);
  const wanted = expected.trim();
  return {
    challenge,
    ...(problem === undefined ? {} : { verifierProblem: problem }),
    ...(wanted === '' ? {} : { matches: wanted === challenge, expectedMalformed: !codeChallengePattern.test(wanted) }),
  };
}

/** The PKCE parameters of the authorization request (RFC 7636 §4.3), in the order they are usually written. */
export function authorizeParameters(challenge: string): [name: string, value: string][] {
  return [
    ['code_challenge', challenge],
    ['code_challenge_method', challengeMethod],
  ];
}
