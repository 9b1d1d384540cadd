/**
 * Prints the JavaScript a reader downloads on first load of some pages of the built site,
 * raw and gzipped (as a CDN would serve it), by loading each page in Chromium and summing
 * every script response. Usage: `npm run build && npm run bench:page-weight [-- [--dir <build dir>] /docs/x ...]`.
 */
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';

import { chooseBrowser } from './playwright-browser';
import { serveBuild } from './serve-build';

const port = 3199;
const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : 'build';
const pages = args.length > 0 ? args : ['/', '/docs/authentication', '/docs/api/create-api-key'];

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const { origin, stop } = await serveBuild(port, dir);
  try {
    const choice = chooseBrowser(chromium.executablePath());
    const browser = await chromium.launch({ executablePath: choice.executablePath, args: [...choice.args] });
    console.log('page'.padEnd(40), 'scripts', 'raw'.padStart(10), 'gzip'.padStart(10));
    for (const path of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') bodies.push(response.body());
      });
      await page.goto(origin + path, { waitUntil: 'networkidle' });
      const scripts = await Promise.all(bodies);
      const raw = scripts.reduce((sum, body) => sum + body.length, 0);
      const gzip = scripts.reduce((sum, body) => sum + gzipSync(body).length, 0);
      console.log(path.padEnd(40), String(scripts.length).padStart(7), kb(raw).padStart(10), kb(gzip).padStart(10));
      await context.close();
    }
    await browser.close();
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
