import type { Context, MiddlewareHandler } from 'hono';

import { ApiError } from '../../core/errors';
import { addressTier, type RateLimitStatus } from '../../core/rate-limit';
import type { AppEnv } from '../env';

const addressKey = (c: Context<AppEnv>): string => `address:${c.env?.clientAddress ?? 'unknown'}`;

/**
 * Counts a request that takes no credential against its caller's address, at the starter rate.
 * Operations with a credential are counted per credential by the operation wrapper instead.
 */
export function countByAddress(c: Context<AppEnv>): RateLimitStatus {
  return recordLimit(c, c.get('sandbox').limiter.hit(addressKey(c), addressTier));
}

/**
 * Refuses a request once its window is used up: the one place a count becomes a 429.
 * `whose` names the window in the message (`for this credential`, `from this address`).
 * @throws ApiError `rate_limited` with the seconds to wait (`details.retry_after`)
 */
export function checkLimit(limit: RateLimitStatus, whose: string): void {
  if (!limit.allowed) {
    throw new ApiError('rate_limited', `Too many requests ${whose}; retry in ${limit.resetSeconds} seconds.`, { retry_after: limit.resetSeconds });
  }
}

/**
 * Counts a request that takes no credential against its caller's address and refuses it once
 * the address's window is used up.
 * @throws ApiError `rate_limited`, as {@link checkLimit}
 */
export function checkAddressLimit(c: Context<AppEnv>): void {
  checkLimit(countByAddress(c), 'from this address');
}

/**
 * Reports the address's standing without counting: the sandbox controls are never limited, so
 * a reset or a clock move always works, however many requests came before.
 */
export function reportByAddress(c: Context<AppEnv>): RateLimitStatus {
  return recordLimit(c, c.get('sandbox').limiter.peek(addressKey(c), addressTier));
}

/**
 * Remembers where the request stands and prepares the `RateLimit-*` headers; set before the
 * response is built, they cost nothing extra.
 */
export function recordLimit(c: Context<AppEnv>, status: RateLimitStatus): RateLimitStatus {
  c.set('rateLimit', status);
  c.header('RateLimit-Limit', String(status.limit));
  c.header('RateLimit-Remaining', String(status.remaining));
  c.header('RateLimit-Reset', String(status.resetSeconds));
  return status;
}

/**
 * Counts a request to an endpoint that authenticates an OAuth client (token, device
 * authorization, revocation, introspection) against the client it names, at its organization's
 * tier; a request that names no known client is counted by address.
 */
export function countByClient(c: Context<AppEnv>, clientId: string | undefined): RateLimitStatus {
  const { store, limiter } = c.get('sandbox');
  const client = clientId === undefined ? undefined : store.clients.get(clientId);
  const org = client ? store.orgs.get(client.orgId) : undefined;
  if (!client || !org) return countByAddress(c);
  return recordLimit(c, limiter.hit(`client:${client.id}`, org.tier));
}

/**
 * Makes sure every response carries the `RateLimit-*` headers: a request that no operation
 * counted (an unknown path, a refused body) is counted by address here.
 */
export function rateLimitHeaders(): MiddlewareHandler<AppEnv> {
  return async function rateLimitHeaders(c, next) {
    await next();
    if (c.get('rateLimit') !== undefined) return;
    const status = countByAddress(c);
    c.res.headers.set('RateLimit-Limit', String(status.limit));
    c.res.headers.set('RateLimit-Remaining', String(status.remaining));
    c.res.headers.set('RateLimit-Reset', String(status.resetSeconds));
  };
}
