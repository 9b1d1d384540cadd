/**
 * The sandbox inside the reader's pages: one catch-all MSW handler hands every request for the
 * sandbox origin to the same `app.fetch` the Node server uses. Nothing leaves the browser.
 *
 * Each page of the site runs its own copy of the sandbox, and the copies share one state through
 * localStorage, so a flow that spans pages works: the consent popup issues a code the console
 * redeems, the device page in another tab approves a sign-in the console is polling for. Last
 * writer wins, which is enough for one reader.
 */
import { http } from 'msw';
import { setupWorker } from 'msw/browser';

import { type PersistedSandbox, Sandbox, type SeedOptions } from '../core/sandbox';
import { createApp } from '../http/app';
import { sandboxOrigin } from './sandbox-origin';
import { readPersisted, SharedState, sandboxStorageKeys } from './shared-state';

export { sandboxStorageKeys };

export interface BrowserSandbox {
  sandbox: Sandbox;
  stop(): void;
}

async function startingSandbox(persisted: PersistedSandbox | undefined, seed: SeedOptions): Promise<Sandbox> {
  if (persisted) {
    try {
      return await Sandbox.create({ persisted, seed });
    } catch {
      // Well-formed tables holding rows the store cannot load: the seed, as for a corrupt entry.
    }
  }
  return Sandbox.create({ seed });
}

/**
 * Starts the in-browser sandbox and resolves once the worker intercepts requests. The state
 * (keys created, tokens revoked, clock) is kept in localStorage, shared by every page of the site
 * and surviving reloads; an entry that cannot be read, or one under an older key (sessionStorage
 * held it before), is ignored in favour of the seed.
 *
 * @param workerUrl where `mockServiceWorker.js` is served (honour the site's base URL)
 * @param options.deviceVerificationUri the page that shows the device sign-in form (the sandbox
 *   origin cannot be navigated to, so the site serves it)
 * @param options.callbackUri the site page the authorization code flow may end on, registered for
 *   the seeded public clients (wherever the site is served from, base URL included)
 * @param options.storage where the state is kept, `localStorage` unless a test says otherwise
 */
export async function startBrowserSandbox(
  workerUrl: string,
  options: { deviceVerificationUri?: string; callbackUri?: string; storage?: Storage } = {},
): Promise<BrowserSandbox> {
  const storage = options.storage ?? localStorage;
  // The revision before the state: if another page writes in between, the next request reads it again.
  const revision = storage.getItem(sandboxStorageKeys.revision);
  const sandbox = await startingSandbox(readPersisted(storage), { publicClientRedirectUris: options.callbackUri ? [options.callbackUri] : [] });
  const shared = new SharedState(sandbox, storage, revision);
  const app = createApp(sandbox);
  const worker = setupWorker(
    http.all(`${sandboxOrigin}/*`, ({ request }) =>
      shared.serve(() => Promise.resolve(app.fetch(request, { clientAddress: 'browser', deviceVerificationUri: options.deviceVerificationUri }))),
    ),
  );
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
  return { sandbox, stop: () => worker.stop() };
}
