/**
 * Prints the JavaScript a reader downloads on first load of some pages of the built site,
 * raw and gzipped (as a CDN would serve it), by loading each page in Chromium and summing
 * every script response. Usage: `npm run build && npm run bench:page-weight [-- /docs/x ...]`.
 */
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';

import { chooseBrowser } from './playwright-browser';

const port = 3199;
const origin = `http://127.0.0.1:${port}`;
const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/', '/docs/authentication', '/docs/api/create-api-key'];

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms; did you run \`npm run build\`?`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const server = spawn('npx', ['docusaurus', 'serve', '--host', '127.0.0.1', '--port', String(port), '--no-open'], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForServer(origin, 30_000);
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
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
