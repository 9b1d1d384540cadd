import type { MiddlewareHandler } from 'hono';

import { randomString } from '../../core/random';
import type { AppEnv } from '../env';

/**
 * Gives every request an id (`req_` + 16 characters), sent back in `X-Request-Id` and quoted in
 * error bodies. A client-supplied id is not echoed: ids are ours, so support can trust them.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    const id = `req_${randomString(16)}`;
    c.set('requestId', id);
    // Set before the response exists, so it joins the headers the response is built with.
    c.header('X-Request-Id', id);
    await next();
  };
}
