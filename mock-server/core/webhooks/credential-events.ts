/**
 * The security events other features announce to webhook endpoints. The core's use cases
 * (`revokeApiKey`, `removeOrgMember`, …) call these themselves, after their change is written, so
 * no host or route can forget one. They never throw: a change is never undone because an
 * announcement could not be signed.
 */
import type { CredentialCutOff } from '../org';
import type { ApiKey, PersonalAccessToken } from '../model';
import type { Sandbox } from '../sandbox';
import { emitEvent } from './webhooks';

/** `api_key.created` for a new key. */
export async function announceApiKeyCreated(sandbox: Sandbox, key: ApiKey): Promise<void> {
  await emitEvent(sandbox, {
    orgId: key.orgId,
    type: 'api_key.created',
    data: { api_key_id: key.id, name: key.name, environment: key.environment, created_by: key.userId },
  });
}

/** `api_key.revoked` for a key that stopped working. */
export async function announceApiKeyRevoked(sandbox: Sandbox, key: ApiKey, revokedBy: string): Promise<void> {
  await emitEvent(sandbox, {
    orgId: key.orgId,
    type: 'api_key.revoked',
    data: { api_key_id: key.id, name: key.name, environment: key.environment, revoked_by: revokedBy },
  });
}

/** `token.revoked` for a personal access token, saying why it was revoked. */
export async function announceTokenRevoked(
  sandbox: Sandbox,
  token: PersonalAccessToken,
  revokedBy: string,
  reason: 'revoked' | 'admin_revoked' | 'user_tokens_revoked' | 'member_removed',
): Promise<void> {
  await emitEvent(sandbox, {
    orgId: token.orgId,
    type: 'token.revoked',
    data: { token_id: token.id, user_id: token.userId, revoked_by: revokedBy, reason },
  });
}

/** Every event of an administrator cutting a user off: each token and key, then the removal itself. */
export async function announceCutOff(sandbox: Sandbox, orgId: string, cutOff: CredentialCutOff): Promise<void> {
  const reason = cutOff.memberRemoved ? 'member_removed' : 'user_tokens_revoked';
  for (const token of cutOff.personalAccessTokens) await announceTokenRevoked(sandbox, token, cutOff.revokedBy, reason);
  for (const key of cutOff.apiKeys) await announceApiKeyRevoked(sandbox, key, cutOff.revokedBy);
  if (cutOff.memberRemoved) {
    await emitEvent(sandbox, {
      orgId,
      type: 'member.removed',
      data: {
        user_id: cutOff.userId,
        removed_by: cutOff.revokedBy,
        revoked_credentials: cutOff.personalAccessTokens.length + cutOff.apiKeys.length + cutOff.oauthGrants,
      },
    });
  }
}
