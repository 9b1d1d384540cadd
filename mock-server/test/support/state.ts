import type { Sandbox } from '../../core/sandbox';

/**
 * Everything a request could write (the records and the clock), as one comparable string, without
 * the `last_used_at` stamps that a successful authentication writes on its own.
 */
export function sandboxState(sandbox: Sandbox): string {
  return JSON.stringify(sandbox.persist(), (key, value: unknown) => (key === 'lastUsedAt' ? undefined : value));
}
