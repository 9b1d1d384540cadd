/**
 * The `DataStack-Signature` header: how the sandbox signs a delivery, and how a receiver checks
 * one. Both sides live here so the mock, the webhook guide and its interactive verifier share one
 * implementation (WebCrypto only, so it runs in the browser as well as in Node).
 */
import { constantTimeEqual, hmacSha256Hex } from '../secrets';

/** The header that carries a delivery's signature. */
export const signatureHeaderName = 'DataStack-Signature';

/** How far (seconds) a delivery's `t` may be from the receiver's clock: the spec's 5 minutes. */
export const defaultToleranceSeconds = 300;

/** Longest header value worth parsing; the spec's values are at most 128 characters. */
const maxHeaderLength = 1024;

const timestampPattern = /^[0-9]{1,12}$/;
const hexSignaturePattern = /^[0-9a-f]{64}$/;

/**
 * The `DataStack-Signature` value for a payload: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>">`, keyed with the whole secret, `whsec_` prefix included.
 *
 * @param secret the endpoint's signing secret (`whsec_…`); must not be empty
 * @param payload the request body exactly as sent
 * @param timestamp whole seconds since the epoch
 */
export async function signPayload(secret: string, payload: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${payload}`)}`;
}

/** A header value split into its parts. */
export interface ParsedSignature {
  timestamp: number;
  /** Every `v1` value (one today; more than one would let a sender overlap two secrets). */
  signatures: string[];
}

/**
 * Splits a `DataStack-Signature` value into `t` and its `v1` values. Unknown keys are skipped so
 * a future scheme (`v2=…`) can be added alongside without breaking receivers.
 *
 * @returns `null` when the value is not `t=<1–12 digits>` plus at least one `v1=<64 lowercase hex>`
 */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  if (header.length === 0 || header.length > maxHeaderLength) return null;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const equals = part.indexOf('=');
    if (equals < 0) return null;
    const key = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !timestampPattern.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!hexSignaturePattern.test(value)) return null;
      signatures.push(value);
    }
  }
  if (timestamp === undefined || signatures.length === 0) return null;
  return { timestamp, signatures };
}

/** Why a delivery failed verification. */
export type SignatureFailure = 'malformed_header' | 'signature_mismatch' | 'timestamp_outside_window';

export type SignatureCheck =
  | { ok: true; timestamp: number }
  /** `timestamp` is there whenever the header could be parsed, so a verifier UI can show it. */
  | { ok: false; reason: SignatureFailure; timestamp?: number };

export interface VerifySignatureInput {
  /** The raw request body, exactly as received (not re-serialized JSON). */
  payload: string;
  /** The `DataStack-Signature` header value. */
  header: string;
  /** The endpoint's whole signing secret, `whsec_` prefix included. */
  secret: string;
  /** The receiver's clock in epoch milliseconds (`Date.now()`, or `sandbox.clock.now()`). */
  now: number;
  /** How far `t` may be from `now`, either way; the spec says 300 seconds. */
  toleranceSeconds?: number;
}

/** Every intermediate value of a signature check, in the order a receiver computes them. */
export interface SignatureSteps {
  /** Step 1: the header split into `t` and its `v1` values; `null` when it is malformed (the check stops there). */
  parsed: ParsedSignature | null;
  /** Step 2: the string the HMAC covers, `<t>.<payload>`. */
  signedString?: string;
  /** Step 3: the hex HMAC-SHA256 of the signed string under the secret; absent for an empty secret. */
  expected?: string;
  /** Step 4: each `v1` value and whether it equals `expected`, every one compared in constant time. */
  comparisons: { signature: string; matches: boolean }[];
  /**
   * Step 5: how old `t` is by the receiver's clock (negative when it lies in the future) and whether
   * that is within the tolerance. Computed even when the signature failed, so a UI can show it;
   * an unauthenticated `t` decides nothing.
   */
  window?: { ageSeconds: number; toleranceSeconds: number; within: boolean };
  /** The verdict, exactly as {@link verifySignature} returns it. */
  result: SignatureCheck;
}

/**
 * {@link verifySignature} with its working shown: the same checks in the same order, returning
 * each intermediate value so a verifier UI can explain a result. It never throws.
 *
 * @see the `DataStack-Signature` parameter of the spec's `webhooks:` section, steps 1–5
 */
export async function verifySignatureSteps(input: VerifySignatureInput): Promise<SignatureSteps> {
  const { payload, header, secret, now, toleranceSeconds = defaultToleranceSeconds } = input;
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { parsed, comparisons: [], result: { ok: false, reason: 'malformed_header' } };
  const { timestamp } = parsed;
  const signedString = `${timestamp}.${payload}`;
  const ageSeconds = Math.floor(now / 1000) - timestamp;
  const window = { ageSeconds, toleranceSeconds, within: Math.abs(ageSeconds) <= toleranceSeconds };
  if (secret.length === 0) {
    return { parsed, signedString, comparisons: [], window, result: { ok: false, reason: 'signature_mismatch', timestamp } };
  }

  const expected = await hmacSha256Hex(secret, signedString);
  // Every candidate is compared in full, so timing does not reveal which one matched.
  const comparisons = parsed.signatures.map((signature) => ({ signature, matches: constantTimeEqual(signature, expected) }));
  const steps = { parsed, signedString, expected, comparisons, window };
  if (!comparisons.some((comparison) => comparison.matches)) return { ...steps, result: { ok: false, reason: 'signature_mismatch', timestamp } };
  if (!window.within) return { ...steps, result: { ok: false, reason: 'timestamp_outside_window', timestamp } };
  return { ...steps, result: { ok: true, timestamp } };
}

/**
 * Checks a delivery the way the spec tells receivers to: parse the header, recompute the HMAC
 * over `<t>.<payload>`, compare it in constant time, then enforce the replay window. The
 * signature is checked before the timestamp because `t` means nothing until it is authenticated.
 * It never throws: every outcome is a result, so a verifier UI can explain it.
 *
 * An empty secret cannot have produced any signature (and WebCrypto refuses an empty HMAC key),
 * so it is reported as `signature_mismatch`.
 *
 * @see the `DataStack-Signature` parameter of the spec's `webhooks:` section, steps 1–5
 */
export async function verifySignature(input: VerifySignatureInput): Promise<SignatureCheck> {
  return (await verifySignatureSteps(input)).result;
}
