import { expect } from 'vitest';

import { ApiError } from '../../core/errors';

/** The ApiError a synchronous core call throws; fails the test when it throws nothing or something else. */
export function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

/** The one answer to a creation past a sandbox cap: 409 `conflict`, the cap in `details.limit`. */
export function expectCapReached(response: { status: number; body: unknown }, limit: number, message: string): void {
  expect(response.status).toBe(409);
  expect(response.body).toMatchObject({ error: 'conflict', message, details: { limit } });
}
