import type { Hono } from 'hono';

import { isoTime, isoTimeOrNull } from '../../core/clock';
import {
  getPersonalAccessToken,
  issuePersonalAccessToken,
  listPersonalAccessTokens,
  revokePersonalAccessToken,
} from '../../core/credentials/personal-access-tokens';
import { credentialStatus } from '../../core/credentials/status';
import type { PersonalAccessToken } from '../../core/model';
import type { Page } from '../../core/paginate';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

type WirePersonalAccessToken = components['schemas']['PersonalAccessToken'];

/** A token record as the spec shows it: everything but the secret, with its status at `now`. */
export function personalAccessTokenBody(token: PersonalAccessToken, now: number): WirePersonalAccessToken {
  return {
    id: token.id,
    user_id: token.userId,
    label: token.label,
    prefix: token.prefix,
    last_four: token.lastFour,
    scopes: [...token.scopes] as components['schemas']['Scope'][],
    status: credentialStatus(token, now),
    created_at: isoTime(token.createdAt),
    expires_at: isoTimeOrNull(token.expiresAt),
    last_used_at: isoTimeOrNull(token.lastUsedAt),
    revoked_at: isoTimeOrNull(token.revokedAt),
  };
}

/** A page of token records as the spec lists them (the caller's own, or a member's for an admin). */
export function personalAccessTokenPage(page: Page<PersonalAccessToken>, now: number): components['schemas']['PersonalAccessTokenList'] {
  return listBody(page, (token) => personalAccessTokenBody(token, now));
}

/** Personal access tokens: list, create (password or a token of the same user), get, revoke. */
export function registerPersonalAccessTokenRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listPersonalAccessTokens', ({ c, principal, query, json }) => {
    const sandbox = c.get('sandbox');
    return json(200, personalAccessTokenPage(listPersonalAccessTokens(sandbox, principal, query), sandbox.clock.now()));
  });

  defineOperation(app, 'createPersonalAccessToken', async ({ c, principal, body, json }) => {
    const sandbox = c.get('sandbox');
    const { record, secret } = await issuePersonalAccessToken(sandbox, principal, {
      label: body.label,
      lifetimeDays: body.lifetime_days,
      scopes: body.scopes,
    });
    return json(201, { ...personalAccessTokenBody(record, sandbox.clock.now()), token: secret });
  });

  defineOperation(app, 'getPersonalAccessToken', ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    return json(200, personalAccessTokenBody(getPersonalAccessToken(sandbox, principal, params.tokenId ?? ''), sandbox.clock.now()));
  });

  defineOperation(app, 'revokePersonalAccessToken', async ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    const token = await revokePersonalAccessToken(sandbox, principal, params.tokenId ?? '');
    return json(200, personalAccessTokenBody(token, sandbox.clock.now()));
  });
}
