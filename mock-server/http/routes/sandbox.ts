import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import { advanceSandboxClock } from '../../core/clock-control';
import type { Sandbox } from '../../core/sandbox';
import { seed } from '../../core/seed';
import type { AppEnv } from '../env';
import { defineOperation } from '../operation';
import type { components } from '../types';

type SandboxState = components['schemas']['SandboxState'];
type Scope = components['schemas']['Scope'];

function clockState(sandbox: Sandbox): components['schemas']['SandboxClock'] {
  return { now: isoTime(sandbox.clock.now()), offset_seconds: Math.floor(sandbox.clock.offsetMs / 1000) };
}

/** The seeded identities and credentials, secrets included, as `GET /sandbox` publishes them. */
function sandboxState(sandbox: Sandbox): SandboxState {
  const { store } = sandbox;
  const expiry = (id: string): string | null => {
    const expiresAt = store.pats.get(id)?.expiresAt ?? null;
    return expiresAt === null ? null : isoTime(expiresAt);
  };
  return {
    users: seed.users.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      password: user.password,
      org_id: user.orgId,
      // The role as it is now: an administrator may have changed it since the seed.
      role: store.users.get(user.id)?.role ?? user.role,
    })),
    clients: seed.clients.map((client) => ({
      client_id: client.id,
      name: client.name,
      type: client.type,
      client_secret: client.secret,
      redirect_uris: [...client.redirectUris],
      allowed_scopes: [...client.allowedScopes] as SandboxState['clients'][number]['allowed_scopes'],
      grant_types: [...client.grantTypes],
    })),
    tokens: seed.tokens.map((token) => ({
      id: token.id,
      user_id: token.userId,
      label: token.label,
      token: token.secret,
      scopes: [...token.scopes] as Scope[],
      expires_at: expiry(token.id),
    })),
    api_keys: seed.apiKeys.map((key) => ({
      id: key.id,
      name: key.name,
      secret: key.secret,
      scopes: [...key.scopes] as Scope[],
      environment: key.environment,
      restricted: key.restricted,
    })),
    clock: clockState(sandbox),
  };
}

export function registerSandboxRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'getSandbox', ({ c, json }) => json(200, sandboxState(c.get('sandbox'))));

  defineOperation(app, 'resetSandbox', async ({ c, json }) => {
    await c.get('sandbox').reset();
    return json(200, sandboxState(c.get('sandbox')));
  });

  defineOperation(app, 'advanceSandboxClock', ({ c, body, json }) => {
    const sandbox = c.get('sandbox');
    advanceSandboxClock(sandbox, body.advance_seconds);
    return json(200, clockState(sandbox));
  });
}
