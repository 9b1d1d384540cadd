/**
 * The lifecycle state of a stored credential, read from the sandbox clock. Every credential
 * record (personal access tokens, API keys, OAuth access tokens) answers the same question the
 * same way, so lists, cascades and authentication agree on what "still works" means.
 */

/** `active` until revoked or past its expiry; a revocation wins over an expiry. */
export type CredentialStatus = 'active' | 'expired' | 'revoked';

/** The fields of a record that decide its status. */
export interface Expiring {
  expiresAt: number | null;
  revokedAt: number | null;
}

/**
 * The status of a credential record at `now` (epoch ms from the sandbox clock).
 *
 * A revoked record reports `revoked` even when it has since passed its expiry: the revocation
 * is what an auditor needs to see. Expiry is inclusive: at `expiresAt` the record is expired,
 * as `authenticateBearer` refuses it.
 */
export function credentialStatus(record: Expiring, now: number): CredentialStatus {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && record.expiresAt <= now) return 'expired';
  return 'active';
}

/** Whether the record would still authenticate at `now` (neither revoked nor expired). */
export const isActive = (record: Expiring, now: number): boolean => credentialStatus(record, now) === 'active';
