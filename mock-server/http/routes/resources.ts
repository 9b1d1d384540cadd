import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerResourceRoutes(app: Hono<AppEnv>): void {
  void app;
}
