import { describe, expect, it } from 'vitest';

import { refusal } from '../test/support/refusal';
import { advanceSandboxClock, maxOffsetSeconds } from './clock-control';
import { Sandbox } from './sandbox';

const year = 31_536_000;

describe('advanceSandboxClock', () => {
  it('runs the clock up to ten years ahead, a year at a time, and refuses a second more without moving it', async () => {
    const sandbox = await Sandbox.create();
    for (let i = 0; i < 10; i += 1) advanceSandboxClock(sandbox, year);
    expect(sandbox.clock.offsetMs).toBe(maxOffsetSeconds * 1000);
    expect(refusal(() => advanceSandboxClock(sandbox, 1))).toMatchObject({
      code: 'invalid_request',
      message: 'The clock can run at most ten years ahead; reset the sandbox to start again.',
      details: { field: 'advance_seconds' },
    });
    expect(sandbox.clock.offsetMs).toBe(maxOffsetSeconds * 1000);
  });
});
