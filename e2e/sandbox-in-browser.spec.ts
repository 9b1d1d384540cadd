/**
 * The browser host: the same sandbox, answering from an MSW service worker inside the page, with
 * its state kept in localStorage, shared by every page of the origin and kept across reloads. The
 * page is a bare harness (no docs site), so this proves the core and the HTTP layer need nothing
 * but Web APIs.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';

import { seed } from '../mock-server/core/seed';
import { casesForAPage, checkAnswer, hostCases } from '../mock-server/test/support/host-cases';
import { expect, test } from './support/fixtures';

// The journeys provoke 400 (a device poll before the answer), 401 and 403 answers on purpose;
// Chromium logs each as a failed load.
const expectedConsoleErrors = [/^Failed to load resource: the server responded with a status of 40[013] \(\)$/];
test.use({ expectedConsoleErrors });

const adaToken = seed.tokens.find((token) => token.id === 'tok_adaCli')?.secret ?? '';
const ada = seed.users.find((user) => user.id === 'usr_ada');
let server: Server;
let origin: string;

test.beforeAll(async () => {
  // Bundled in memory: each worker runs this hook, and workers writing one shared file could serve
  // a half-written (empty) bundle to each other, leaving the page without a sandbox.
  const { outputFiles } = await build({ entryPoints: ['e2e/harness/sandbox-page.ts'], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const [app] = outputFiles;
  if (!app) throw new Error('esbuild produced no bundle for the harness page');
  const worker = readFileSync('static/mockServiceWorker.js', 'utf8');
  const page = (base: string) =>
    `<!doctype html><html lang="en"><base href="${base}"><title>sandbox harness</title><script type="module" src="app.js"></script></html>`;
  const files: Record<string, [string, string]> = {
    '/': [page('/'), 'text/html'],
    '/app.js': [app.text, 'text/javascript'],
    '/mockServiceWorker.js': [worker, 'text/javascript'],
    // The same page under a base URL, as a site served from a sub-path (Docusaurus `baseUrl`).
    '/docs-site/': [page('/docs-site/'), 'text/html'],
    '/docs-site/app.js': [app.text, 'text/javascript'],
    '/docs-site/mockServiceWorker.js': [worker, 'text/javascript'],
    '/favicon.ico': ['', 'image/x-icon'],
  };
  server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    response.writeHead(file ? 200 : 404, { 'Content-Type': file?.[1] ?? 'text/plain' }).end(file?.[0] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a request from the page to the sandbox origin and returns what the page saw. */
async function fromPage(page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      await window.sandboxReady;
      const response = await fetch(`https://sandbox.datastack.test${path}`, init);
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    },
    { path, init },
  );
}

test('under a base URL, the worker is registered there and answers the pages below it', async ({ page }) => {
  await page.goto(`${origin}/docs-site/`);
  const me = await fromPage(page, '/v1/me', { headers: { Authorization: `Bearer ${adaToken}` } });
  expect(me.status).toBe(200);
  const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope));
  expect(scopes).toEqual([`${origin}/docs-site/`]);
});

// The same cases as the in-process app and the Node host (mock-server/test/support/host-suite.ts), as a page can run them.
for (const hostCase of casesForAPage(hostCases)) {
  test(`like every host, the worker in the page ${hostCase.name}`, async ({ page }) => {
    await page.goto(origin);
    checkAnswer(hostCase, await fromPage(page, hostCase.request.path, hostCase.request.init), expect);
  });
}

test('the sandbox state survives a reload of the tab, and a reset restores the seed', async ({ page }) => {
  await page.goto(origin);
  const created = await fromPage(page, '/v1/api-keys', {
    method: 'POST',
    headers: { Authorization: `Bearer ${adaToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Survives reloads', scopes: ['read:clusters'], environment: 'test' }),
  });
  expect(created.status).toBe(201);
  const { secret } = JSON.parse(created.body) as { secret: string };

  await page.reload();
  const listed = await fromPage(page, '/v1/api-keys', { headers: { Authorization: `Bearer ${adaToken}` } });
  expect(JSON.parse(listed.body).data.map((key: { name: string }) => key.name)).toContain('Survives reloads');
  expect((await fromPage(page, '/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);

  expect((await fromPage(page, '/sandbox/reset', { method: 'POST' })).status).toBe(200);
  await page.reload();
  expect((await fromPage(page, '/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
});

/** Another page of the same origin in the same context (so the same localStorage), its console watched like the first's. */
async function openAnotherPage(context: BrowserContext): Promise<{ other: Page; otherErrors: string[] }> {
  const other = await context.newPage();
  const otherErrors: string[] = [];
  other.on('console', (message) => {
    if (message.type() === 'error' && !expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) otherErrors.push(message.text());
  });
  other.on('pageerror', (error) => otherErrors.push(error.message));
  await other.goto(origin);
  await other.evaluate(() => window.sandboxReady);
  return { other, otherErrors };
}

const asAda = { Authorization: `Bearer ${adaToken}` };

async function createKey(page: Page, name: string): Promise<string> {
  const created = await fromPage(page, '/v1/api-keys', {
    method: 'POST',
    headers: { ...asAda, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, scopes: ['read:clusters'], environment: 'test' }),
  });
  expect(created.status).toBe(201);
  return (JSON.parse(created.body) as { secret: string }).secret;
}

async function keyNames(page: Page): Promise<string[]> {
  const listed = await fromPage(page, '/v1/api-keys', { headers: asAda });
  return (JSON.parse(listed.body) as { data: { name: string }[] }).data.map((key) => key.name);
}

const clockOffset = async (page: Page): Promise<number> =>
  (JSON.parse((await fromPage(page, '/sandbox')).body) as { clock: { offset_seconds: number } }).clock.offset_seconds;

const storedRevision = (page: Page) => page.evaluate(() => localStorage.getItem(window.sandboxStorageKeys.revision));

/**
 * Chromium passes a localStorage write on to the other tabs' processes asynchronously, so another
 * tab can read the old value for a moment. A reader moving between tabs never outpaces that; a
 * test can, so it waits until `reader` sees the revision `writer` last wrote before acting there.
 */
async function settle(writer: Page, reader: Page): Promise<void> {
  const revision = await storedRevision(writer);
  await expect.poll(() => storedRevision(reader)).toBe(revision);
}

test('two pages of the site share one sandbox: a write in one is seen in the other without a reload, a reset reaches both', async ({ page, context }) => {
  await page.goto(origin);
  await page.evaluate(() => window.sandboxReady);
  const { other, otherErrors } = await openAnotherPage(context);

  const secret = await createKey(page, 'Made in the first page');
  await settle(page, other);
  expect(await keyNames(other)).toContain('Made in the first page');
  expect((await fromPage(other, '/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);

  // A read that changes nothing writes nothing; an authenticated one records the credential's last use, which is written.
  const revision = await storedRevision(other);
  expect((await fromPage(other, '/.well-known/oauth-authorization-server')).status).toBe(200);
  expect(await storedRevision(other)).toBe(revision);
  await fromPage(other, '/v1/clusters', { headers: asAda });
  expect(await storedRevision(other)).not.toBe(revision);

  expect((await fromPage(other, '/sandbox/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_seconds: 3600 }) })).status).toBe(200);
  await settle(other, page);
  expect(await clockOffset(page)).toBe(3600);

  expect((await fromPage(other, '/sandbox/reset', { method: 'POST' })).status).toBe(200);
  await settle(other, page);
  expect((await fromPage(page, '/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
  expect(await keyNames(page)).not.toContain('Made in the first page');
  expect(await clockOffset(page)).toBe(0);

  await createKey(page, 'Kept across a reload');
  await settle(page, other);
  await other.reload();
  expect(await keyNames(other)).toContain('Kept across a reload');
  expect(otherErrors).toEqual([]);
});

test('a device sign-in approved in another tab reaches the page that polls for it', async ({ page, context }) => {
  await page.goto(origin);
  await page.evaluate(() => window.sandboxReady);
  const { other, otherErrors } = await openAnotherPage(context);
  const formPost = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  const started = await fromPage(page, '/oauth2/device/code', formPost({ client_id: 'cli_desktop', scope: 'read:profile' }));
  const { device_code: deviceCode, user_code: userCode } = JSON.parse(started.body) as { device_code: string; user_code: string };
  const poll = () =>
    fromPage(page, '/oauth2/token', formPost({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: 'cli_desktop' }));
  expect(JSON.parse((await poll()).body)).toMatchObject({ error: 'authorization_pending' });

  await settle(page, other);
  const approved = await fromPage(
    other,
    '/device',
    formPost({ user_code: userCode, username: ada?.email ?? '', password: ada?.password ?? '', org_id: 'org_acme', decision: 'approve' }),
  );
  expect(approved.status).toBe(200);

  await settle(other, page);
  const tokens = await poll();
  expect(tokens.status).toBe(200);
  const { access_token: accessToken } = JSON.parse(tokens.body) as { access_token: string };
  await settle(page, other);
  expect((await fromPage(other, '/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(200);
  expect(otherErrors).toEqual([]);
});

test('a corrupt entry falls back to the seed, in a running page and after a reload; an old sessionStorage entry is ignored', async ({ page, context }) => {
  await page.goto(origin);
  const secret = await createKey(page, 'Lost to corruption');
  const { other, otherErrors } = await openAnotherPage(context);
  await settle(page, other);
  expect(await keyNames(other)).toContain('Lost to corruption');

  await page.evaluate(() => {
    localStorage.setItem(window.sandboxStorageKeys.state, '{"version":1,"clockOffsetMs":0,"store":');
    localStorage.setItem(window.sandboxStorageKeys.revision, 'tampered');
  });
  await settle(page, other);
  expect((await fromPage(other, '/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
  expect(await keyNames(other)).not.toContain('Lost to corruption');
  await page.reload();
  expect(await keyNames(page)).not.toContain('Lost to corruption');

  // What the host before the shared state kept: the same key, in sessionStorage.
  await createKey(page, 'Only in sessionStorage');
  await page.evaluate(() => {
    const { state, revision } = window.sandboxStorageKeys;
    sessionStorage.setItem(state, localStorage.getItem(state) ?? '');
    localStorage.removeItem(state);
    localStorage.removeItem(revision);
  });
  await page.reload();
  expect(await keyNames(page)).not.toContain('Only in sessionStorage');
  expect(otherErrors).toEqual([]);
});
