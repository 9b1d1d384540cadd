import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { OrgSettings, User } from '../../core/model';
import {
  addOrgMember,
  changeMemberRole,
  type CredentialCutOff,
  getOrgTokenSettings,
  listMemberTokens,
  listOrgMembers,
  removeOrgMember,
  revokeMemberToken,
  revokeUserTokens,
  updateOrgTokenSettings,
} from '../../core/org';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';
import { personalAccessTokenBody, personalAccessTokenPage } from './personal-access-tokens';

function memberBody(user: User): components['schemas']['OrgMember'] {
  return { id: user.id, name: user.name, email: user.email, role: user.role, joined_at: isoTime(user.createdAt) };
}

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

/** Organization administration: members and their roles, cutting a member off, token settings. Admins only. */
export function registerOrgRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listOrgMembers', ({ c, principal, query, json }) => {
    const page = listOrgMembers(c.get('sandbox'), principal, query);
    return json(200, listBody(page, memberBody));
  });

  defineOperation(app, 'addOrgMember', async ({ c, principal, body, json }) => {
    const { user, initialPassword } = await addOrgMember(c.get('sandbox'), principal, body);
    return json(201, { ...memberBody(user), initial_password: initialPassword });
  });

  defineOperation(app, 'updateOrgMember', async ({ c, principal, params, body, json }) => {
    const change = await changeMemberRole(c.get('sandbox'), principal, params.userId ?? '', body.role);
    return json(200, {
      member: memberBody(change.user),
      previous_role: change.previousRole,
      revoked: { api_keys: change.apiKeys.map((key) => key.id), oauth_clients: change.oauthClients.map((client) => client.id) },
    });
  });

  defineOperation(app, 'listMemberTokens', ({ c, principal, params, query, json }) => {
    const sandbox = c.get('sandbox');
    return json(200, personalAccessTokenPage(listMemberTokens(sandbox, principal, params.userId ?? '', query), sandbox.clock.now()));
  });

  defineOperation(app, 'revokeMemberToken', async ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    const token = await revokeMemberToken(sandbox, principal, params.userId ?? '', params.tokenId ?? '');
    return json(200, personalAccessTokenBody(token, sandbox.clock.now()));
  });

  defineOperation(app, 'removeOrgMember', async ({ c, principal, params, json }) => {
    return json(200, cutOffBody(await removeOrgMember(c.get('sandbox'), principal, params.userId ?? '')));
  });

  defineOperation(app, 'revokeUserTokens', async ({ c, principal, params, json }) => {
    return json(200, cutOffBody(await revokeUserTokens(c.get('sandbox'), principal, params.userId ?? '')));
  });

  defineOperation(app, 'getOrgTokenSettings', ({ c, principal, json }) => json(200, settingsBody(getOrgTokenSettings(c.get('sandbox'), principal))));

  defineOperation(app, 'updateOrgTokenSettings', ({ c, principal, body, json }) =>
    json(200, settingsBody(updateOrgTokenSettings(c.get('sandbox'), principal, body))),
  );
}
