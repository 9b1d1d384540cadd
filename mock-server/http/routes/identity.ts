import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import { revokeCurrentCredential } from '../../core/credentials/self-revocation';
import type { AppEnv } from '../env';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** The credential itself: who it acts as, and giving it up. */
export function registerIdentityRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'getCurrentIdentity', ({ principal, json }) => {
    const { user, org } = principal;
    return json(200, {
      user: user ? { id: user.id, name: user.name, email: user.email } : null,
      org: { id: org.id, name: org.name },
      role: principal.role,
      plan_tier: principal.tier,
      credential: {
        // Only reachable with a bearer credential: the spec accepts no password here.
        kind: principal.kind === 'password' ? 'personal_access_token' : principal.kind,
        id: principal.credentialId,
      },
      scopes: [...principal.scopes] as components['schemas']['Scope'][],
      expires_at: principal.expiresAt === null ? null : isoTime(principal.expiresAt),
    });
  });

  defineOperation(app, 'revokeCurrentCredential', async ({ c, principal }) => {
    await revokeCurrentCredential(c.get('sandbox'), principal);
    return c.body(null, 204);
  });
}
