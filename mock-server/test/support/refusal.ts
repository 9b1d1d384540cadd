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
