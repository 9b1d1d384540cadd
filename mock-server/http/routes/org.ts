import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { OrgSettings } from '../../core/model';
import {
  type CredentialCutOff,
  getOrgTokenSettings,
  listOrgMembers,
  removeOrgMember,
  revokeUserTokens,
  updateOrgTokenSettings,
} from '../../core/org';
import { announceCutOff } from '../../core/webhooks/credential-events';
import type { AppEnv } from '../env';
import { defineOperation } from '../operation';
import type { components } from '../types';

function settingsBody(settings: OrgSettings): components['schemas']['OrgTokenSettings'] {
  return {
    members_can_create_tokens: settings.members_can_create_tokens,
    max_token_lifetime_days: settings.max_token_lifetime_days,
    allow_non_expiring_tokens: settings.allow_non_expiring_tokens,
    updated_at: isoTime(settings.updatedAt),
    updated_by: settings.updatedBy,
  };
}

function cutOffBody(cut: CredentialCutOff): components['schemas']['CredentialRevocationSummary'] {
  const revoked = {
    personal_access_tokens: cut.personalAccessTokens.length,
    api_keys: cut.apiKeys.length,
    oauth_grants: cut.oauthGrants,
  };
  return {
    user_id: cut.userId,
    member_removed: cut.memberRemoved,
    revoked_at: isoTime(cut.revokedAt),
    revoked: { ...revoked, total: revoked.personal_access_tokens + revoked.api_keys + revoked.oauth_grants },
  };
}

/** Organization administration: members, cutting a member off, token settings. Admins only. */
export function registerOrgRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listOrgMembers', ({ c, principal, query, json }) => {
    const page = listOrgMembers(c.get('sandbox'), principal, query);
    return json(200, {
      data: page.data.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        joined_at: isoTime(user.createdAt),
      })),
      next_cursor: page.nextCursor,
    });
  });

  defineOperation(app, 'removeOrgMember', async ({ c, principal, params, json }) => {
    const cutOff = removeOrgMember(c.get('sandbox'), principal, params.userId ?? '');
    await announceCutOff(c.get('sandbox'), principal.org.id, cutOff);
    return json(200, cutOffBody(cutOff));
  });

  defineOperation(app, 'revokeUserTokens', async ({ c, principal, params, json }) => {
    const cutOff = revokeUserTokens(c.get('sandbox'), principal, params.userId ?? '');
    await announceCutOff(c.get('sandbox'), principal.org.id, cutOff);
    return json(200, cutOffBody(cutOff));
  });

  defineOperation(app, 'getOrgTokenSettings', ({ c, principal, json }) => json(200, settingsBody(getOrgTokenSettings(c.get('sandbox'), principal))));

  defineOperation(app, 'updateOrgTokenSettings', ({ c, principal, body, json }) =>
    json(200, settingsBody(updateOrgTokenSettings(c.get('sandbox'), principal, body))),
  );
}
