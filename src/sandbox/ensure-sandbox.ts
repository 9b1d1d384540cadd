import siteConfig from '@generated/docusaurus.config';

let starting: Promise<void> | undefined;

/**
 * Starts the in-browser sandbox once per page load: downloads the sandbox and MSW (a separate
 * chunk, fetched only now), registers the worker under the site's base URL, and resolves once it
 * answers requests. A failed start may be retried.
 */
export function ensureSandbox(): Promise<void> {
  starting ??= import('@site/mock-server/hosts/browser')
    .then(({ startBrowserSandbox }) =>
      startBrowserSandbox(`${siteConfig.baseUrl}mockServiceWorker.js`, {
        deviceVerificationUri: `${window.location.origin}${siteConfig.baseUrl}oauth/device`,
        callbackUri: `${window.location.origin}${siteConfig.baseUrl}oauth/callback`,
      }),
    )
    .then(
      () => undefined,
      (error: unknown) => {
        starting = undefined;
        throw error;
      },
    );
  return starting;
}

/**
 * Starts the sandbox when the reader reaches for a console (pointer or focus on it), once the
 * browser is idle, so the warm-up never competes with first paint or downloads MSW for nothing.
 */
export function warmUpSandbox(): void {
  const start = () => void ensureSandbox().catch((error: unknown) => console.warn('The in-browser sandbox did not start:', error));
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}
