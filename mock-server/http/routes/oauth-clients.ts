import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerOauthClientRoutes(app: Hono<AppEnv>): void {
  void app;
}
