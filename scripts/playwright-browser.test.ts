import { describe, expect, it } from 'vitest';

import { chooseBrowser, NoBrowserError, systemChromium, systemChromiumArgs } from './playwright-browser';

const bundled = '/root/.cache/ms-playwright/chromium-1234/chrome-linux/chrome';

describe('chooseBrowser', () => {
  it("prefers Playwright's own Chromium when it is installed", () => {
    expect(chooseBrowser(bundled, () => true)).toEqual({ executablePath: undefined, args: [] });
  });

  it('falls back to the system Chromium with CI-safe flags', () => {
    const choice = chooseBrowser(bundled, (path) => path === systemChromium);
    expect(choice.executablePath).toBe(systemChromium);
    expect(choice.args).toEqual(systemChromiumArgs);
    expect(choice.args).toContain('--no-sandbox');
  });

  it('says exactly what to install when no browser exists', () => {
    expect(() => chooseBrowser(bundled, () => false)).toThrow(NoBrowserError);
    expect(() => chooseBrowser(bundled, () => false)).toThrow(
      /npx playwright install chromium.*apt-get install chromium/,
    );
  });
});
