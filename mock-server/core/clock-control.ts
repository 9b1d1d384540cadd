/**
 * Moving the sandbox clock (`POST /sandbox/clock`), so a reader sees tokens and keys expire
 * without waiting. Time only moves forward; a reset brings it back.
 */
import { ApiError } from './errors';
import type { Sandbox } from './sandbox';

/** The furthest the clock may run ahead of real time, as the spec bounds `offset_seconds`. */
export const maxOffsetSeconds = 315_360_000;

/**
 * Moves the sandbox clock `seconds` forward (the spec bounds one call to 1 second–1 year).
 * @throws ApiError `invalid_request` (details.field: advance_seconds) when the clock would run
 *   more than ten years ahead of real time; the clock is then left where it was
 */
export function advanceSandboxClock(sandbox: Sandbox, seconds: number): void {
  const offset = Math.floor(sandbox.clock.offsetMs / 1000) + seconds;
  if (offset > maxOffsetSeconds) {
    throw new ApiError('invalid_request', 'The clock can run at most ten years ahead; reset the sandbox to start again.', {
      field: 'advance_seconds',
    });
  }
  sandbox.clock.advance(seconds);
}
