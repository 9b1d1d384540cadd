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

import { randomString } from '../core/random';
import { isPersistedSandbox, type PersistedSandbox, Sandbox, type SeedOptions } from '../core/sandbox';
import type { Store } from '../core/store';
import { createApp } from '../http/app';
import { sandboxOrigin } from './sandbox-origin';

/** Where the browser host keeps the shared state, in localStorage. */
export const sandboxStorageKeys = {
  /** The persisted state. Bump the version when `PersistedSandbox` changes shape. */
  state: 'datastack.sandbox.v1',
  /** A fresh random id per write of the state: short, so every request can afford to read it. */
  revision: 'datastack.sandbox.v1.revision',
} as const;

const { state: stateKey, revision: revisionKey } = sandboxStorageKeys;

/** Methods meant to change nothing; the others are persisted whatever the store's version says. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BrowserSandbox {
  sandbox: Sandbox;
  stop(): void;
}

function readPersisted(storage: Storage): PersistedSandbox | undefined {
  try {
    const saved: unknown = JSON.parse(storage.getItem(stateKey) ?? 'null');
    return isPersistedSandbox(saved) ? saved : undefined;
  } catch {
    // A corrupt or foreign entry: start from the seed rather than fail.
    return undefined;
  }
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

/** Which store, at which version, with which clock offset: enough to tell whether anything moved. */
interface Mark {
  store: Store;
  version: number;
  clockOffsetMs: number;
}

const markOf = ({ store, clock }: Sandbox): Mark => ({ store, version: store.version, clockOffsetMs: clock.offsetMs });

/**
 * Keeps one page's sandbox and the shared copy in storage in step: `pull` before a request takes
 * over another page's write, `push` after it writes this page's changes.
 */
class SharedState {
  /** The revision this page last wrote or read. */
  #revision: string | null;
  /** The state as this page last wrote or read it. */
  #saved: Mark;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly storage: Storage,
    revision: string | null,
  ) {
    this.#revision = revision;
    this.#saved = markOf(sandbox);
  }

  /** Whether another page wrote since this page last wrote or read: one short read. */
  anotherPageWrote(): boolean {
    return this.storage.getItem(revisionKey) !== this.#revision;
  }

  /** Replaces this page's state, in place, with the stored one; the seed when that is unreadable. */
  async pull(): Promise<void> {
    this.#revision = this.storage.getItem(revisionKey);
    const persisted = readPersisted(this.storage);
    try {
      if (persisted) {
        this.sandbox.restore(persisted);
        this.#saved = markOf(this.sandbox);
        return;
      }
    } catch {
      // Falls through to the seed, as at start.
    }
    await this.sandbox.reset();
    this.#saved = markOf(this.sandbox);
  }

  /**
   * Writes the state after a request that may have changed it. Row fields edited in place (the
   * last use of a credential, a device's approval or poll time) escape the store's version, so
   * every request with an unsafe method is written; a safe one only when the store was replaced,
   * a row put or deleted, or the clock moved.
   */
  push(method: string): void {
    const { sandbox, storage } = this;
    const saved = this.#saved;
    const moved = sandbox.store !== saved.store || sandbox.store.version !== saved.version || sandbox.clock.offsetMs !== saved.clockOffsetMs;
    if (!moved && safeMethods.has(method)) return;
    storage.setItem(stateKey, JSON.stringify(sandbox.persist()));
    // Written after the state, so a page that sees the new revision finds the new state.
    this.#revision = randomString(16);
    storage.setItem(revisionKey, this.#revision);
    this.#saved = markOf(sandbox);
  }
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
  const revision = storage.getItem(revisionKey);
  const sandbox = await startingSandbox(readPersisted(storage), { publicClientRedirectUris: options.callbackUri ? [options.callbackUri] : [] });
  const shared = new SharedState(sandbox, storage, revision);
  const app = createApp(sandbox);
  const worker = setupWorker(
    http.all(`${sandboxOrigin}/*`, async ({ request }) => {
      if (shared.anotherPageWrote()) await shared.pull();
      const response = await app.fetch(request, { clientAddress: 'browser', deviceVerificationUri: options.deviceVerificationUri });
      shared.push(request.method);
      return response;
    }),
  );
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
  return { sandbox, stop: () => worker.stop() };
}
