/**
 * Calls the in-browser sandbox from a tool: starts it on first use (MSW and the mock load only
 * then) and reads its seeded credentials from `GET /sandbox`, so no secret is written into a page.
 */
import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';
import { fetchSandboxState, type SandboxState } from '@site/src/console/seeded';
import { ensureSandbox } from '@site/src/sandbox/ensure-sandbox';

export { sandboxOrigin };

/** The sandbox, started, and what it publishes about its seed. */
export async function sandboxState(): Promise<SandboxState> {
  await ensureSandbox();
  return fetchSandboxState(sandboxOrigin);
}

/** Sends a JSON request to the sandbox and returns the parsed body, or throws with the sandbox's own message. */
export async function sandboxJson<T>(method: string, path: string, authorization: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxOrigin}${path}`, {
    method,
    headers: { Authorization: authorization, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${method} ${path} answered ${response.status}: ${message}`);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
