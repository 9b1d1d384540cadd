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
// The worker sits beside the page (`<base href>` decides where), as a site with a base URL serves it.
window.sandboxReady = startBrowserSandbox(new URL('mockServiceWorker.js', document.baseURI).pathname).then(() => undefined);
