/**
 * Holds every request for the sandbox origin until the in-browser sandbox answers. Without this,
 * a request sent before the service worker is ready would go to the network, where the reserved
 * `.test` name resolves nowhere. Requests to any other origin pass straight through.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';
import { ensureSandbox } from '@site/src/sandbox/ensure-sandbox';

if (ExecutionEnvironment.canUseDOM) {
  const networkFetch = window.fetch.bind(window);
  window.fetch = async function fetchThroughSandbox(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(`${sandboxOrigin}/`)) await ensureSandbox();
    return networkFetch(input, init);
  };
}
