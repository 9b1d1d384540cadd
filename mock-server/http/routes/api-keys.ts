import type { Hono } from 'hono';

import { isoTime, isoTimeOrNull } from '../../core/clock';
import {
  apiKeyStatus,
  createApiKey,
  getApiKey,
  listApiKeys,
  previousSecretExpiresAt,
  renameApiKey,
  revokeApiKey,
  rotateApiKey,
} from '../../core/credentials/api-keys';
import type { ApiKey } from '../../core/model';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

type ApiKeyWire = components['schemas']['ApiKey'];
type Scope = components['schemas']['Scope'];

/** An API key as the spec lists it: never its secret, only `prefix` and `last_four`. */
export function apiKeyWire(key: ApiKey, now: number): ApiKeyWire {
  return {
    id: key.id,
    name: key.name,
    environment: key.environment,
    restricted: key.restricted,
    prefix: key.prefix,
    last_four: key.lastFour,
    scopes: [...key.scopes] as Scope[],
    status: apiKeyStatus(key, now),
    created_by: key.userId,
    created_at: isoTime(key.createdAt),
    expires_at: isoTimeOrNull(key.expiresAt),
    last_used_at: isoTimeOrNull(key.lastUsedAt),
    revoked_at: isoTimeOrNull(key.revokedAt),
    previous_secret_expires_at: isoTimeOrNull(previousSecretExpiresAt(key, now)),
  };
}

/** The API keys operations: list, create, get, rename, revoke, rotate. */
export function registerApiKeyRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listApiKeys', ({ c, principal, query, json }) => {
    const sandbox = c.get('sandbox');
    const now = sandbox.clock.now();
    const page = listApiKeys(sandbox, principal.org.id, query);
    return json(200, listBody(page, (key) => apiKeyWire(key, now)));
  });

  defineOperation(app, 'createApiKey', async ({ c, principal, body, json }) => {
    const sandbox = c.get('sandbox');
    const { key, secret } = await createApiKey(sandbox, principal, {
      name: body.name,
      scopes: body.scopes,
      environment: body.environment,
      restricted: body.restricted,
      expiresAt: body.expires_at,
    });
    return json(201, { ...apiKeyWire(key, sandbox.clock.now()), secret });
  });

  defineOperation(app, 'getApiKey', ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    return json(200, apiKeyWire(getApiKey(sandbox, principal.org.id, params.keyId ?? ''), sandbox.clock.now()));
  });

  defineOperation(app, 'updateApiKey', ({ c, principal, params, body, json }) => {
    const sandbox = c.get('sandbox');
    return json(200, apiKeyWire(renameApiKey(sandbox, principal.org.id, params.keyId ?? '', body.name), sandbox.clock.now()));
  });

  defineOperation(app, 'revokeApiKey', async ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    const key = await revokeApiKey(sandbox, principal, params.keyId ?? '');
    return json(200, apiKeyWire(key, sandbox.clock.now()));
  });

  defineOperation(app, 'rotateApiKey', async ({ c, principal, params, body, json }) => {
    const sandbox = c.get('sandbox');
    // The body is optional, which JsonBody does not express; it was validated against this schema.
    const request = body as Partial<components['schemas']['RotateApiKeyRequest']> | undefined;
    const { key, secret } = await rotateApiKey(sandbox, principal.org.id, params.keyId ?? '', request?.grace_period_seconds);
    return json(200, { ...apiKeyWire(key, sandbox.clock.now()), secret });
  });
}
