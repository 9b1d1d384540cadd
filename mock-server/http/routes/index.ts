import type { Hono } from 'hono';

import type { AppEnv } from '../env';
import { registerApiKeyRoutes } from './api-keys';
import { registerIdentityRoutes } from './identity';
import { registerJobRoutes } from './jobs';
import { registerNotebookRoutes } from './notebooks';
import { registerOAuthRoutes } from './oauth';
import { registerOauthClientRoutes } from './oauth-clients';
import { registerOrgRoutes } from './org';
import { registerPersonalAccessTokenRoutes } from './personal-access-tokens';
import { registerPipelineRoutes } from './pipelines';
import { registerResourceRoutes } from './resources';
import { registerSandboxRoutes } from './sandbox';
import { registerSqlWarehouseRoutes } from './sql-warehouses';
import { registerUserRoutes } from './users';
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
  registerUserRoutes(app);
  registerJobRoutes(app);
  registerNotebookRoutes(app);
  registerPipelineRoutes(app);
  registerSqlWarehouseRoutes(app);
  registerSandboxRoutes(app);
}
