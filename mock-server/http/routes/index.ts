import type { Hono } from 'hono';

import type { AppEnv } from '../env';
import { registerIdentityRoutes } from './identity';
import { registerSandboxRoutes } from './sandbox';

/** Every route group, one per spec tag. */
export function registerRoutes(app: Hono<AppEnv>): void {
  registerIdentityRoutes(app);
  registerSandboxRoutes(app);
}
