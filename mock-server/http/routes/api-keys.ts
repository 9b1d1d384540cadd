import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerApiKeyRoutes(app: Hono<AppEnv>): void {
  void app;
}
