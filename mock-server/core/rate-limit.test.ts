import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';
import { RateLimiter } from './rate-limit';

function limiterAt(start = 1_700_000_000_000) {
  let real = start;
  const clock = new SandboxClock(0, () => real);
  return { limiter: new RateLimiter(clock), clock, tick: (ms: number) => (real += ms) };
}

describe('RateLimiter', () => {
  it('counts down the starter tier and refuses the 101st request in a minute', () => {
    const { limiter } = limiterAt();
    for (let i = 1; i <= 100; i++) expect(limiter.hit('tok_a', 'starter')).toMatchObject({ allowed: true, remaining: 100 - i });
    expect(limiter.hit('tok_a', 'starter')).toEqual({ allowed: false, limit: 100, remaining: 0, resetSeconds: 60 });
  });

  it('keeps credentials apart and opens a new window after a minute', () => {
    const { limiter, tick } = limiterAt();
    for (let i = 0; i < 100; i++) limiter.hit('tok_a', 'starter');
    expect(limiter.hit('tok_b', 'starter').allowed).toBe(true);
    tick(45_000);
    expect(limiter.hit('tok_a', 'starter')).toMatchObject({ allowed: false, resetSeconds: 15 });
    tick(15_000);
    expect(limiter.hit('tok_a', 'starter')).toMatchObject({ allowed: true, remaining: 99 });
  });

  it('follows the sandbox clock', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 100; i++) limiter.hit('tok_a', 'starter');
    clock.advance(60);
    expect(limiter.hit('tok_a', 'starter').allowed).toBe(true);
  });

  it('issue 11: has the source pages\' tiers: starter 100, business 1,000, enterprise up to 10,000 a minute', () => {
    const { limiter } = limiterAt();
    expect(limiter.hit('tok_s', 'starter').limit).toBe(100);
    expect(limiter.hit('tok_b', 'business').limit).toBe(1_000);
    expect(limiter.hit('tok_e', 'enterprise').limit).toBe(10_000);
  });

  it('peeks without counting: the standing is reported, never refused', () => {
    const { limiter } = limiterAt();
    expect(limiter.peek('address:a', 'starter')).toMatchObject({ allowed: true, remaining: 100 });
    for (let i = 0; i < 100; i++) limiter.hit('address:a', 'starter');
    expect(limiter.peek('address:a', 'starter')).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit('address:a', 'starter').allowed).toBe(false);
  });

  it('never refuses the unmetered tier, and forgets everything on reset', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 10_000; i++) expect(limiter.hit('tok_load', 'unmetered').allowed).toBe(true);
    for (let i = 0; i < 100; i++) limiter.hit('tok_a', 'starter');
    limiter.reset();
    expect(limiter.hit('tok_a', 'starter').remaining).toBe(99);
  });
});
