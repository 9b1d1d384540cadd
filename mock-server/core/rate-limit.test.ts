import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';
import { RateLimiter } from './rate-limit';

function limiterAt(start = 1_700_000_000_000) {
  let real = start;
  const clock = new SandboxClock(0, () => real);
  return { limiter: new RateLimiter(clock), clock, tick: (ms: number) => (real += ms) };
}

describe('RateLimiter', () => {
  it('counts down the free tier and refuses the 61st request in a minute', () => {
    const { limiter } = limiterAt();
    for (let i = 1; i <= 60; i++) expect(limiter.hit('tok_a', 'free')).toMatchObject({ allowed: true, remaining: 60 - i });
    expect(limiter.hit('tok_a', 'free')).toEqual({ allowed: false, limit: 60, remaining: 0, resetSeconds: 60 });
  });

  it('keeps credentials apart and opens a new window after a minute', () => {
    const { limiter, tick } = limiterAt();
    for (let i = 0; i < 60; i++) limiter.hit('tok_a', 'free');
    expect(limiter.hit('tok_b', 'free').allowed).toBe(true);
    tick(45_000);
    expect(limiter.hit('tok_a', 'free')).toMatchObject({ allowed: false, resetSeconds: 15 });
    tick(15_000);
    expect(limiter.hit('tok_a', 'free')).toMatchObject({ allowed: true, remaining: 59 });
  });

  it('follows the sandbox clock', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 60; i++) limiter.hit('tok_a', 'free');
    clock.advance(60);
    expect(limiter.hit('tok_a', 'free').allowed).toBe(true);
  });

  it('never refuses the unmetered tier, and forgets everything on reset', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 10_000; i++) expect(limiter.hit('tok_load', 'unmetered').allowed).toBe(true);
    for (let i = 0; i < 60; i++) limiter.hit('tok_a', 'free');
    limiter.reset();
    expect(limiter.hit('tok_a', 'free').remaining).toBe(59);
  });
});
