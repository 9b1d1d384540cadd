/**
 * Every random value of the sandbox comes from WebCrypto through this module, in the browser
 * and in Node alike.
 */

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// RFC 8628 §6.1: user codes from a reduced alphabet (no vowels, no look-alikes) are easier to type.
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';

// Drawing from a pooled buffer costs one getRandomValues call per 4 KiB instead of one per value,
// which matters on the hot path (a request id per request). The bytes are still WebCrypto's.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

export function randomBytes(length: number): Uint8Array {
  if (length > pool.length) return crypto.getRandomValues(new Uint8Array(length));
  if (poolOffset + length > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + length);
  // Never hand out the same bytes twice.
  pool.fill(0, poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

const hexPairs = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += hexPairs[byte];
  return hex;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias). */
export function randomString(length: number, alphabet: string = base62): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** 256 bits as 43 base64url characters: the body of every bearer secret the sandbox issues. */
export const randomToken = (): string => toBase64Url(randomBytes(32));

/** A resource id such as `key_Y2k9Lw3ZqT8rVb1N`. */
export const randomId = (prefix: string): string => `${prefix}_${randomString(16)}`;

/** A device-flow user code such as `WDJB-MJHT`. */
export function randomUserCode(): string {
  const code = randomString(8, userCodeAlphabet);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
