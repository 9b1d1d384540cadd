/**
 * One page's sandbox kept in step with the copy every page of the site shares in storage: read
 * when another page wrote, written when this page changed something. No MSW here, so the rule of
 * when to write is tested without a browser.
 */
import { randomString } from '../core/random';
import { isPersistedSandbox, type PersistedSandbox, type Sandbox } from '../core/sandbox';
import type { Store } from '../core/store';

/** Where the browser host keeps the shared state, in localStorage. */
export const sandboxStorageKeys = {
  /** The persisted state. Bump the version when `PersistedSandbox` changes shape. */
  state: 'datastack.sandbox.v1',
  /** A fresh random id per write of the state: short, so every request can afford to read it. */
  revision: 'datastack.sandbox.v1.revision',
} as const;

const { state: stateKey, revision: revisionKey } = sandboxStorageKeys;

/** The persisted state in `storage`, or undefined when there is none or it cannot be read. */
export function readPersisted(storage: Storage): PersistedSandbox | undefined {
  try {
    const saved: unknown = JSON.parse(storage.getItem(stateKey) ?? 'null');
    return isPersistedSandbox(saved) ? saved : undefined;
  } catch {
    // A corrupt or foreign entry: start from the seed rather than fail.
    return undefined;
  }
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
export class SharedState {
  /** The revision this page last wrote or read. */
  #revision: string | null;
  /** The state as this page last wrote or read it. */
  #saved: Mark;

  /**
   * @param revision the revision in storage when `sandbox` was read from it (read before the
   *   state, so a write in between is read again by the next request)
   */
  constructor(
    private readonly sandbox: Sandbox,
    private readonly storage: Storage,
    revision: string | null,
  ) {
    this.#revision = revision;
    this.#saved = markOf(sandbox);
  }

  /**
   * Answers one request in step with the other pages: takes over another page's write first,
   * and writes this page's changes after.
   */
  async serve(answer: () => Promise<Response>): Promise<Response> {
    if (this.anotherPageWrote()) await this.pull();
    const response = await answer();
    this.push();
    return response;
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
   * Writes the state when it moved since this page last wrote or read it: the store was replaced
   * (a reset), its version moved (every put, update and delete counts) or the clock moved.
   * Whatever the request's method, nothing else is written.
   */
  push(): void {
    const { sandbox, storage } = this;
    const saved = this.#saved;
    const moved = sandbox.store !== saved.store || sandbox.store.version !== saved.version || sandbox.clock.offsetMs !== saved.clockOffsetMs;
    if (!moved) return;
    storage.setItem(stateKey, JSON.stringify(sandbox.persist()));
    // Written after the state, so a page that sees the new revision finds the new state.
    this.#revision = randomString(16);
    storage.setItem(revisionKey, this.#revision);
    this.#saved = markOf(sandbox);
  }
}
