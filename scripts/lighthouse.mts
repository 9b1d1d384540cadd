/**
 * Lighthouse performance score of built pages (by default the landing page, a guide and a
 * reference page), with the metrics behind it, in Lighthouse's mobile and desktop presets.
 * Usage: `npm run build && npm run bench:lighthouse [-- [--dir <build dir>] /docs/x ...]`.
 */
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

import { chooseBrowser } from './playwright-browser';
import { serveBuild } from './serve-build';

const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : 'build';
const pages = args.length > 0 ? args : ['/', '/docs/authentication', '/docs/api/create-api-key'];

const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const;

async function main(): Promise<void> {
  const { origin, stop } = await serveBuild(3195, dir);
  const browser = chooseBrowser(chromium.executablePath());
  const chrome = await chromeLauncher.launch({
    chromePath: browser.executablePath,
    chromeFlags: ['--headless=new', ...browser.args],
  });
  try {
    for (const preset of ['mobile', 'desktop'] as const) {
      for (const path of pages) {
        const result = await lighthouse(
          origin + path,
          { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { categories, audits } = result.lhr;
        const score = Math.round((categories.performance?.score ?? 0) * 100);
        const shown = metrics.map((id) => `${audits[id]?.title ?? id} ${audits[id]?.displayValue ?? '?'}`).join(' · ');
        console.log(`${preset.padEnd(7)} ${path.padEnd(28)} performance ${String(score).padStart(3)} · ${shown}`);
      }
    }
  } finally {
    chrome.kill();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
