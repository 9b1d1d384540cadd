/**
 * Where the console sends requests: the sandbox in the reader's tab (the default), the Node mock
 * on the reader's machine, or any base URL they type. The choice is shared by every console.
 */
import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';

import { persistedValue } from './persisted-value';

export const localMockUrl = 'http://127.0.0.1:4010';

export type ServerChoice = { kind: 'sandbox' } | { kind: 'local' } | { kind: 'custom'; url: string };

const isServerChoice = (value: unknown): value is ServerChoice => {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  if (value.kind === 'sandbox' || value.kind === 'local') return true;
  return value.kind === 'custom' && 'url' in value && typeof value.url === 'string';
};

export const serverChoice = persistedValue<ServerChoice>('datastack.console.server', { kind: 'sandbox' }, isServerChoice);

export function baseUrlOf(choice: ServerChoice): string {
  switch (choice.kind) {
    case 'sandbox':
      return sandboxOrigin;
    case 'local':
      return localMockUrl;
    case 'custom':
      return choice.url.replace(/\/+$/, '');
  }
}

/** Why a typed base URL cannot be used, or undefined when it can. */
export function customUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter an absolute URL, such as http://127.0.0.1:4010.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Only http and https URLs can be called.';
  // Not `parsed.search || parsed.hash`: both are empty for a bare `?` or `#`, which would still
  // swallow the path appended after it.
  if (/[?#]/.test(url)) return 'A base URL has no query string or fragment.';
  return undefined;
}
