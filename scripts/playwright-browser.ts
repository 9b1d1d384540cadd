import { existsSync } from 'node:fs';

/** Debian's and Ubuntu's Chromium, used when Playwright's own browser is not installed. */
export const systemChromium = '/usr/bin/chromium';

/**
 * Flags for a system Chromium in a locked-down CI box: root needs `--no-sandbox`, and the
 * background services would otherwise try to reach Google and be refused by the firewall.
 */
export const systemChromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserChoice {
  /** `undefined` means Playwright's own browser. */
  executablePath: string | undefined;
  args: readonly string[];
}

export class NoBrowserError extends Error {
  override name = 'NoBrowserError';
}

/**
 * Picks the Chromium Playwright should launch: its own build when installed, else the system one.
 *
 * @param bundledPath where Playwright's own Chromium would be (`chromium.executablePath()`)
 * @param exists file test, injectable for tests
 * @throws NoBrowserError naming the commands that install a browser, when neither exists
 */
export function chooseBrowser(
  bundledPath: string,
  exists: (path: string) => boolean = existsSync,
): BrowserChoice {
  if (exists(bundledPath)) return { executablePath: undefined, args: [] };
  if (exists(systemChromium)) return { executablePath: systemChromium, args: systemChromiumArgs };
  throw new NoBrowserError(
    `No Chromium for Playwright: neither its own build (${bundledPath}) nor ${systemChromium} exists. ` +
      'Install one with `npx playwright install chromium`, or on Debian/Ubuntu with `sudo apt-get install chromium`.',
  );
}
