/**
 * A bare page that starts the in-browser sandbox, for the test that proves the core, the HTTP
 * layer and the MSW host run unchanged in a real browser. Bundled by that test with esbuild.
 */
import { startBrowserSandbox } from '../../mock-server/hosts/browser';

declare global {
  interface Window {
    sandboxReady: Promise<void>;
  }
}

window.sandboxReady = startBrowserSandbox('/mockServiceWorker.js').then(() => undefined);
