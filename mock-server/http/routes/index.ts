import type { Hono } from 'hono';

import type { AppEnv } from '../env';
import { registerApiKeyRoutes } from './api-keys';
import { registerIdentityRoutes } from './identity';
import { registerOAuthRoutes } from './oauth';
import { registerOauthClientRoutes } from './oauth-clients';
import { registerOrgRoutes } from './org';
import { registerPersonalAccessTokenRoutes } from './personal-access-tokens';
import { registerResourceRoutes } from './resources';
import { registerSandboxRoutes } from './sandbox';
import { registerWebhookRoutes } from './webhooks';

/** Every route group, one per spec tag. */
export function registerRoutes(app: Hono<AppEnv>): void {
  registerOAuthRoutes(app);
  registerIdentityRoutes(app);
  registerPersonalAccessTokenRoutes(app);
  registerApiKeyRoutes(app);
  registerOauthClientRoutes(app);
  registerOrgRoutes(app);
  registerWebhookRoutes(app);
  registerResourceRoutes(app);
  registerSandboxRoutes(app);
}
