/**
 * A bare page that starts the in-browser sandbox, for the test that proves the core, the HTTP
 * layer and the MSW host run unchanged in a real browser. Bundled by that test with esbuild.
 */
import { sandboxStorageKeys, startBrowserSandbox } from '../../mock-server/hosts/browser';

declare global {
  interface Window {
    sandboxReady: Promise<void>;
    /** The localStorage keys the sandbox shares between pages, for the test to tamper with. */
    sandboxStorageKeys: typeof sandboxStorageKeys;
  }
}

window.sandboxStorageKeys = sandboxStorageKeys;
window.sandboxReady = startBrowserSandbox('/mockServiceWorker.js').then(() => undefined);
