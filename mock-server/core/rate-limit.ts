import type { Clock } from './clock';

/**
 * Requests per minute and per credential, by the organization's plan. Enterprise limits are
 * agreed per contract up to this ceiling; the sandbox's enterprise organization has the ceiling.
 */
export const planLimits = {
  starter: 100,
  business: 1_000,
  enterprise: 10_000,
  /** Sandbox-only tier for load tests and CI: counted and reported, never refused. */
  unmetered: 1_000_000,
} as const;

export type PlanTier = keyof typeof planLimits;

/** Requests that carry no working credential are counted per address, at this plan's rate. */
export const addressTier: PlanTier = 'starter';

export const windowMs = 60_000;

/** Where a credential stands in its current window: what the `RateLimit-*` headers report. */
export interface RateLimitStatus {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed one-minute windows per credential. Counting is a query, not a refusal: the caller turns
 * `allowed: false` into a 429. Windows that have ended are swept, so memory stays bounded by the
 * number of credentials active in the last minute.
 */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  #lastSweep = 0;

  constructor(private readonly clock: Clock) {}

  /** Counts one request by `credentialId` and reports the window it fell in. */
  hit(credentialId: string, tier: PlanTier): RateLimitStatus {
    return this.#standing(credentialId, tier, true);
  }

  /** Reports where `credentialId` stands without counting a request (for the sandbox controls). */
  peek(credentialId: string, tier: PlanTier): RateLimitStatus {
    const status = this.#standing(credentialId, tier, false);
    return { ...status, allowed: true };
  }

  #standing(credentialId: string, tier: PlanTier, count: boolean): RateLimitStatus {
    const now = this.clock.now();
    this.#sweep(now);
    let window = this.#windows.get(credentialId);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      if (count) this.#windows.set(credentialId, window);
    }
    const limit = planLimits[tier];
    const allowed = tier === 'unmetered' || window.count < limit;
    if (allowed && count) window.count++;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)),
    };
  }

  reset(): void {
    this.#windows.clear();
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < windowMs) return;
    this.#lastSweep = now;
    for (const [id, window] of this.#windows) {
      if (now - window.startedAt >= windowMs) this.#windows.delete(id);
    }
  }
}
