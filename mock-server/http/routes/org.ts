import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerOrgRoutes(app: Hono<AppEnv>): void {
  void app;
}
