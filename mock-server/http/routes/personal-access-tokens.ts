import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerPersonalAccessTokenRoutes(app: Hono<AppEnv>): void {
  void app;
}
