import { describe, expect, it } from 'vitest';

import { SandboxClock } from './clock';

describe('SandboxClock.restore', () => {
  it('sets the offset, smaller or larger than the current one', () => {
    const clock = new SandboxClock(0, () => 1_000);
    clock.advance(60);
    clock.restore(5_000);
    expect(clock.offsetMs).toBe(5_000);
    expect(clock.now()).toBe(6_000);
    clock.restore(120_000);
    expect(clock.now()).toBe(121_000);
  });

  it('refuses an offset that is not a finite number with a TypeError', () => {
    const clock = new SandboxClock(7);
    expect(() => clock.restore(Number.NaN)).toThrow(new TypeError('"offsetMs" must be a finite number'));
    expect(clock.offsetMs).toBe(7);
  });
});
