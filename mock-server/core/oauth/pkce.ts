/**
 * PKCE (RFC 7636) and redirect URI matching: the two checks that bind an authorization code to
 * the client and the browser that asked for it.
 */
import { toBase64Url } from '../random';

/** A `code_challenge` or S256 output: base64url of a SHA-256 digest, no padding (RFC 7636 §4.2). */
export const codeChallengePattern = /^[A-Za-z0-9_-]{43}$/;

/** A `code_verifier`: 43 to 128 unreserved characters (RFC 7636 §4.1). */
export const codeVerifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * The S256 challenge of a verifier: `BASE64URL(SHA256(ASCII(code_verifier)))`.
 * @see RFC 7636 §4.2 and §4.6
 */
export async function s256Challenge(verifier: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

// An IP-literal loopback redirect URI: the port is the part a native app may choose at run time.
const loopbackIp = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/[^\s#]*)?$/;

/** `http://127.0.0.1:51004/cb` → `http://127.0.0.1/cb`; undefined when not an IP-literal loopback URI with a valid port. */
function withoutLoopbackPort(uri: string): string | undefined {
  const match = loopbackIp.exec(uri);
  if (!match) return undefined;
  if (match[2] !== undefined && Number(match[2]) > 65_535) return undefined;
  return `http://${match[1]}${match[3] ?? ''}`;
}

/**
 * Whether a presented `redirect_uri` is one the client registered: the same string, character for
 * character, except that on `http://127.0.0.1` and `http://[::1]` any port matches (a native app
 * picks a free port when it starts). `localhost` is a name, not an IP literal, so it matches
 * exactly like any other URI.
 * @see RFC 6749 §3.1.2.3; RFC 8252 §7.3 and §8.3; RFC 9700 §4.1.3
 */
export function isRegisteredRedirectUri(registered: readonly string[], presented: string): boolean {
  if (registered.includes(presented)) return true;
  const loose = withoutLoopbackPort(presented);
  return loose !== undefined && registered.some((uri) => withoutLoopbackPort(uri) === loose);
}

/**
 * The redirect URI with response parameters added to its query (keeping any query it had).
 * @see RFC 6749 §4.1.2 and §3.1.2
 */
export function redirectWith(redirectUri: string, parameters: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}
