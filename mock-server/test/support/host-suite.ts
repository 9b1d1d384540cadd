/**
 * The host cases (`host-cases.ts`) as vitest tests, against a `fetch` bound to one host and a base
 * URL: the in-process app and the Node server run them here, the browser worker in
 * `e2e/sandbox-in-browser.spec.ts`.
 */
import { expect, it } from 'vitest';

import { checkAnswer, hostCases } from './host-cases';

export type HostFetch = (path: string, init?: RequestInit) => Promise<Response>;

export function hostSuite(getFetch: () => HostFetch): void {
  for (const hostCase of hostCases) {
    it(hostCase.name, async () => {
      const response = await getFetch()(hostCase.request.path, hostCase.request.init);
      checkAnswer(hostCase, { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }, expect);
    });
  }
}
