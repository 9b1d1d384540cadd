/**
 * The receiver's side of a `DataStack-Signature`, step by step, for the verifier tool. The checks
 * themselves are the sandbox core's (`verifySignatureSteps`), so the tool and the signer share one
 * implementation. Loaded on first use.
 */
import {
  defaultToleranceSeconds,
  type SignatureFailure,
  type SignatureSteps,
  signatureHeaderName,
  verifySignatureSteps,
} from '@site/mock-server/core/webhooks/signing';

export type { SignatureSteps };
export { defaultToleranceSeconds, signatureHeaderName };

const headerLine = new RegExp(`^\\s*${signatureHeaderName}\\s*:`, 'i');

/** The header value, whether the reader pasted the value alone or the whole `DataStack-Signature: …` line. */
export function headerValue(pasted: string): string {
  return pasted.replace(headerLine, '').trim();
}

export interface Delivery {
  /** The request body exactly as received. */
  payload: string;
  /** The header value, or the whole header line. */
  header: string;
  secret: string;
}

/** Verifies a delivery against the receiver's clock, keeping every intermediate value. */
export function verifyDelivery(delivery: Delivery, nowMs: number): Promise<SignatureSteps> {
  return verifySignatureSteps({
    payload: delivery.payload,
    header: headerValue(delivery.header),
    // A secret is never meant to start or end with whitespace; a pasted one often does.
    secret: delivery.secret.trim(),
    now: nowMs,
  });
}

/** Why a delivery failed, for people. */
export const failureExplanations: Record<SignatureFailure, string> = {
  malformed_header: `The ${signatureHeaderName} header is not t=<Unix seconds>,v1=<64 lowercase hex characters>.`,
  signature_mismatch:
    'No v1 signature matches: the payload differs from what was signed (even by whitespace), or the secret is not this endpoint’s.',
  timestamp_outside_window: `The signature is right, but t is more than ${defaultToleranceSeconds} seconds from now: treat it as a replay.`,
};

/** Things about a pasted payload that often explain a mismatch. */
export function payloadWarnings(payload: string): string[] {
  const warnings: string[] = [];
  if (/\s$/.test(payload)) warnings.push('The payload ends with whitespace or a line break. If the body you received did not, remove it.');
  if (/^\s/.test(payload)) warnings.push('The payload starts with whitespace. If the body you received did not, remove it.');
  if (/\n\s+"/.test(payload)) warnings.push('The payload looks pretty-printed. DataStack signs compact JSON: verify the raw body, not re-serialized JSON.');
  return warnings;
}
