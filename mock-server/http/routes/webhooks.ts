import type { Hono } from 'hono';

import type { AppEnv } from '../env';

export function registerWebhookRoutes(app: Hono<AppEnv>): void {
  void app;
}
