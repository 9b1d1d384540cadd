import { toHex } from './random';

const encoder = new TextEncoder();

/** A SHA-256 implementation: WebCrypto's by default; a host may supply a faster one. */
export type Sha256 = (data: Uint8Array<ArrayBuffer>) => Uint8Array | Promise<Uint8Array>;

const webCryptoSha256: Sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
let sha256: Sha256 = webCryptoSha256;

/**
 * Replaces the SHA-256 used for secret hashes. Node's WebCrypto digest goes through the thread
 * pool (tens of microseconds per call, on every authenticated request); the Node host passes its
 * synchronous `node:crypto` hash instead. The result must be the same function, bit for bit.
 */
export function useSha256(implementation: Sha256): void {
  sha256 = implementation;
}

/** SHA-256 of a secret, hex-encoded: the only form in which the store keeps a secret. */
export async function hashSecret(secret: string): Promise<string> {
  return toHex(await sha256(encoder.encode(secret)));
}

/**
 * Compares two strings in time that depends only on their lengths, so a caller cannot learn a
 * secret one character at a time from response timings.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return difference === 0;
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export async function matchesHash(secret: string, storedHash: string): Promise<boolean> {
  return constantTimeEqual(await hashSecret(secret), storedHash);
}

/** HMAC-SHA256 of `message` under `key`, hex-encoded (webhook signatures). */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message))));
}

/** What list and get responses show of a secret: enough to recognise it, never enough to use it. */
export function secretHint(secret: string, prefixLength: number): { prefix: string; last_four: string } {
  return { prefix: secret.slice(0, prefixLength), last_four: secret.slice(-4) };
}

const passwordIterations = 100_000;

/**
 * A password verifier (`pbkdf2-sha256$<iterations>$<salt>$<hash>`). Passwords are guessable, so
 * unlike random secrets they get a salt and a slow derivation.
 */
export async function hashPassword(password: string, salt: string = toHex(crypto.getRandomValues(new Uint8Array(16)))): Promise<string> {
  return `pbkdf2-sha256$${passwordIterations}$${salt}$${await derive(password, salt, passwordIterations)}`;
}

/** Whether `password` matches a verifier made by {@link hashPassword}, compared in constant time. */
export async function verifyPassword(password: string, verifier: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = verifier.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  return constantTimeEqual(await derive(password, salt, Number(iterations)), hash);
}

async function derive(password: string, salt: string, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}
