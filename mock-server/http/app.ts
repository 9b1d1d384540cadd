import { Hono } from 'hono';

import { pathHint } from '../core/conventions';
import { ApiError, withHint } from '../core/errors';
import type { Sandbox } from '../core/sandbox';
import { operations } from '../generated/catalogue';
import type { AppEnv } from './env';
import { allowAnyOrigin } from './middleware/cors';
import { rateLimitHeaders } from './middleware/rate-limit-headers';
import { requestId } from './middleware/request-id';
import { onError } from './on-error';
import { registerRoutes } from './routes';

const pathPatterns = operations.map((operation) => ({
  method: operation.method,
  pattern: new RegExp(`^${operation.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Methods the spec defines for a concrete path; empty when the path is unknown. */
export function methodsFor(path: string): string[] {
  return pathPatterns.filter(({ pattern }) => pattern.test(path)).map(({ method }) => method);
}

/**
 * The sandbox as one Fetch-API application: every host (Node server, browser worker, tests)
 * calls `app.fetch(request)`.
 */
export function createApp(sandbox: Sandbox): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async function provideSandbox(c, next) {
    c.set('sandbox', sandbox);
    c.set('acceptsBasic', false);
    await next();
  });
  app.use(requestId());
  app.use(rateLimitHeaders());
  app.use(allowAnyOrigin());

  registerRoutes(app);

  app.notFound((c) => {
    const allowed = methodsFor(c.req.path);
    if (allowed.length > 0) {
      throw new ApiError('method_not_allowed', `${c.req.method} is not allowed here; use ${allowed.join(' or ')}.`, {
        allowed_methods: allowed,
      });
    }
    throw new ApiError('not_found', withHint('There is no such endpoint. The API reference lists every path.', pathHint(c.req.path)));
  });
  app.onError(onError);
  return app;
}
