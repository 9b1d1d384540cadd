import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerOAuthRoutes(app: Hono<AppEnv>): void {
  void app;
}
