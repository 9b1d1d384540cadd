/**
 * The sandbox inside the reader's tab: one catch-all MSW handler hands every request for the
 * sandbox origin to the same `app.fetch` the Node server uses. Nothing leaves the page.
 */
import { http } from 'msw';
import { setupWorker } from 'msw/browser';

import { type PersistedSandbox, Sandbox } from '../core/sandbox';
import { createApp } from '../http/app';
import { sandboxOrigin } from './sandbox-origin';

const storageKey = 'datastack.sandbox.v1';

export interface BrowserSandbox {
  sandbox: Sandbox;
  stop(): void;
}

function restore(storage: Storage): PersistedSandbox | undefined {
  try {
    const saved = JSON.parse(storage.getItem(storageKey) ?? 'null') as PersistedSandbox | null;
    return saved?.version === 1 ? saved : undefined;
  } catch {
    // A corrupt or foreign entry: start from the seed rather than fail.
    return undefined;
  }
}

/**
 * Starts the in-browser sandbox and resolves once the worker intercepts requests; the state
 * (keys created, tokens revoked, clock) is kept in sessionStorage so it survives reloads in
 * the tab.
 *
 * @param workerUrl where `mockServiceWorker.js` is served (honour the site's base URL)
 * @param options.deviceVerificationUri the page that shows the device sign-in form (the sandbox
 *   origin cannot be navigated to, so the site serves it)
 */
export async function startBrowserSandbox(
  workerUrl: string,
  options: { deviceVerificationUri?: string; storage?: Storage } = {},
): Promise<BrowserSandbox> {
  const storage = options.storage ?? sessionStorage;
  const persisted = restore(storage);
  const sandbox = await Sandbox.create(persisted ? { persisted } : {});
  const app = createApp(sandbox);
  const worker = setupWorker(
    http.all(`${sandboxOrigin}/*`, async ({ request }) => {
      const response = await app.fetch(request, { clientAddress: 'browser', deviceVerificationUri: options.deviceVerificationUri });
      if (request.method !== 'GET') storage.setItem(storageKey, JSON.stringify(sandbox.persist()));
      return response;
    }),
  );
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
  return { sandbox, stop: () => worker.stop() };
}
