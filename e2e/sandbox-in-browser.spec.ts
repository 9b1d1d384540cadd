/**
 * The browser host: the same sandbox, answering from an MSW service worker inside the page, with
 * its state kept in sessionStorage across reloads. The page is a bare harness (no docs site), so
 * this proves the core and the HTTP layer need nothing but Web APIs.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { build } from 'esbuild';

import { seed } from '../mock-server/core/seed';
import { expect, test } from './support/fixtures';

// The journeys provoke 401 and 403 answers on purpose; Chromium logs each as a failed load.
test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 40[13] \(\)$/] });

const adaToken = seed.tokens.find((token) => token.id === 'tok_adaCli')?.secret ?? '';
const root = join('test-results', 'sandbox-harness');
let server: Server;
let origin: string;

test.beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  await build({ entryPoints: ['e2e/harness/sandbox-page.ts'], bundle: true, format: 'esm', outfile: join(root, 'app.js'), logLevel: 'silent' });
  copyFileSync('static/mockServiceWorker.js', join(root, 'mockServiceWorker.js'));
  const files: Record<string, [string, string]> = {
    '/': ['<!doctype html><html lang="en"><title>sandbox harness</title><script type="module" src="/app.js"></script></html>', 'text/html'],
    '/app.js': [readFileSync(join(root, 'app.js'), 'utf8'), 'text/javascript'],
    '/mockServiceWorker.js': [readFileSync(join(root, 'mockServiceWorker.js'), 'utf8'), 'text/javascript'],
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
async function fromPage(page: import('@playwright/test').Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      await window.sandboxReady;
      const response = await fetch(`https://sandbox.datastack.test${path}`, init);
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    },
    { path, init },
  );
}

test('the worker answers sandbox requests in the page, with the same behaviour as the Node mock', async ({ page }) => {
  await page.goto(origin);
  const me = await fromPage(page, '/v1/me', { headers: { Authorization: `Bearer ${adaToken}` } });
  expect(me.status).toBe(200);
  expect(JSON.parse(me.body)).toMatchObject({ user: { id: 'usr_ada' }, credential: { kind: 'personal_access_token' } });
  expect(me.headers['x-request-id']).toMatch(/^req_/);
  expect(me.headers['ratelimit-limit']).toBe('600');

  const anonymous = await fromPage(page, '/v1/me');
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="datastack"');

  const scope = await fromPage(page, '/v1/me', { headers: { Authorization: `Bearer ${adaToken}`, 'x-datastack-scope': 'manage:clusters' } });
  expect(scope.status).toBe(403);
  expect(JSON.parse(scope.body)).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'read:profile' } });
});

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
