import type { CredentialRecord } from '../model';
import { secretHint } from '../secrets';

/** What a new bearer credential is made from; `secret` is only read for the hint lists show. */
export interface NewCredential {
  id: string;
  orgId: string;
  userId: string;
  scopes: readonly string[];
  secret: string;
  secretHash: string;
  /** How many leading characters of the secret lists show as its `prefix`. */
  prefixLength: number;
  createdAt: number;
  expiresAt: number | null;
}

/**
 * The fields every stored bearer credential starts with: the hash of its secret (never the
 * secret), the prefix and last four characters lists show, never used, not revoked.
 */
export function credentialRecord(fields: NewCredential): CredentialRecord {
  const hint = secretHint(fields.secret, fields.prefixLength);
  return {
    id: fields.id,
    orgId: fields.orgId,
    userId: fields.userId,
    scopes: [...fields.scopes],
    secretHash: fields.secretHash,
    prefix: hint.prefix,
    lastFour: hint.last_four,
    createdAt: fields.createdAt,
    expiresAt: fields.expiresAt,
    revokedAt: null,
    lastUsedAt: null,
  };
}
