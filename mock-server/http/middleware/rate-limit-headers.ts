import type { Context, MiddlewareHandler } from 'hono';

import type { RateLimitStatus } from '../../core/rate-limit';
import type { AppEnv } from '../env';

/**
 * Counts a request that takes no credential against its caller's address, at the free tier.
 * Operations with a credential are counted per credential by the operation wrapper instead.
 */
export function countByAddress(c: Context<AppEnv>): RateLimitStatus {
  const status = c.get('sandbox').limiter.hit(`address:${c.env?.clientAddress ?? 'unknown'}`, 'free');
  c.set('rateLimit', status);
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
  const status = limiter.hit(`client:${client.id}`, org.tier);
  c.set('rateLimit', status);
  return status;
}

/** Puts the `RateLimit-*` headers on every response, whichever path produced it. */
export function rateLimitHeaders(): MiddlewareHandler<AppEnv> {
  return async function rateLimitHeaders(c, next) {
    await next();
    const status = c.get('rateLimit') ?? countByAddress(c);
    c.header('RateLimit-Limit', String(status.limit));
    c.header('RateLimit-Remaining', String(status.remaining));
    c.header('RateLimit-Reset', String(status.resetSeconds));
  };
}
