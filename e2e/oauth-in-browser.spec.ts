/**
 * The OAuth pages of the sandbox, opened from the docs site on the static build: the consent
 * page sends the browser back to the site's callback page with a code that the token endpoint
 * then exchanges, and the device page connects a device whose polling then gets its tokens.
 * Everything is answered by the in-browser sandbox.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Page } from '@playwright/test';

import { seed } from '../mock-server/core/seed';
import { expect, test } from './support/fixtures';

// Polling before the user answers is refused with a 400 on purpose; Chromium logs it as a failed load.
test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 400 \(\)$/] });

const ada = seed.users.find((user) => user.id === 'usr_ada');

/** A request from the page to the sandbox origin (the site holds it until the sandbox is up). */
async function sandboxFetch(page: Page, path: string, form?: Record<string, string>, token?: string) {
  return page.evaluate(
    async ({ path, form, token }) => {
      const response = await fetch(`https://sandbox.datastack.test${path}`, {
        method: form ? 'POST' : 'GET',
        headers: { ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    { path, form, token },
  );
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(ada?.email ?? '');
  await page.getByLabel('Password').fill(ada?.password ?? '');
}

test('authorization code + PKCE: consent in the docs site, back to its callback page, code exchanged', async ({ page, baseURL }) => {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${baseURL}/oauth/callback`;
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli_desktop',
    redirect_uri: redirectUri,
    scope: 'read:profile offline_access',
    state: 'docs-journey-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });

  await page.goto(`/oauth/authorize?${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Allow DataStack Desktop to access your Acme Analytics account?' })).toBeVisible();
  await signIn(page);
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page).toHaveURL(/\/oauth\/callback\?/);
  await expect(page.getByTestId('authorization-state')).toHaveText('docs-journey-1');
  const code = (await page.getByTestId('authorization-code').textContent()) ?? '';

  const tokens = await sandboxFetch(page, '/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: 'cli_desktop',
    code_verifier: verifier,
  });
  expect(tokens.status).toBe(200);
  expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'read:profile offline_access' });
  const me = await sandboxFetch(page, '/v1/me', undefined, String(tokens.body.access_token));
  expect(me.body).toMatchObject({ user: { id: 'usr_ada' }, credential: { kind: 'oauth_access_token', id: 'cli_desktop' } });
});

test('denying consent sends the browser back with access_denied', async ({ page, baseURL }) => {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli_desktop',
    redirect_uri: `${baseURL}/oauth/callback`,
    scope: 'read:profile',
    state: 'docs-journey-2',
    code_challenge: createHash('sha256').update('x'.repeat(43)).digest('base64url'),
    code_challenge_method: 'S256',
  });
  await page.goto(`/oauth/authorize?${query}`);
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(/\/oauth\/callback\?error=access_denied/);
  await expect(page.getByRole('alert')).toContainText('access_denied');
});

test('device sign-in: the code entered on the docs site connects the device, which then gets its tokens', async ({ page, baseURL }) => {
  await page.goto('/oauth/device');
  await expect(page.getByRole('heading', { level: 1, name: 'Connect a device' })).toBeVisible();
  const device = await sandboxFetch(page, '/oauth2/device/code', { client_id: 'cli_desktop', scope: 'read:profile offline_access' });
  expect(device.status).toBe(200);
  const pending = await sandboxFetch(page, '/oauth2/token', {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    device_code: String(device.body.device_code),
    client_id: 'cli_desktop',
  });
  expect(pending.body.error).toBe('authorization_pending');

  expect(device.body.verification_uri).toBe(`${baseURL}/oauth/device`);
  await page.goto(String(device.body.verification_uri_complete));
  await signIn(page);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Device connected' })).toBeVisible();

  await page.evaluate(() => fetch('https://sandbox.datastack.test/sandbox/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"advance_seconds":5}' }));
  const tokens = await sandboxFetch(page, '/oauth2/token', {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    device_code: String(device.body.device_code),
    client_id: 'cli_desktop',
  });
  expect(tokens.status).toBe(200);
  expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'read:profile offline_access' });
});
