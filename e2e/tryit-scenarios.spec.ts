/**
 * The console's journeys on the static build, answered by the in-browser sandbox: refusals
 * explained, credentials obtained and shared between consoles, rate limits, the OAuth flows,
 * reset and reload.
 */
import type { Page } from '@playwright/test';

import { seed } from '../mock-server/core/seed';
import { TryIt } from './support/console';
import { expect, test } from './support/fixtures';

// Refusals are the point of several journeys; Chromium logs each as a failed load.
test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 4\d\d/] });

const ada = seed.users.find((user) => user.id === 'usr_ada');
if (!ada) throw new Error('the seed has no usr_ada');

/** Creates a test API key from the create-api-key page's console, with its one-click credential. */
async function createKeyThroughConsole(page: Page): Promise<{ key: { id: string; secret: string }; console: TryIt }> {
  await page.goto('/docs/api/create-api-key');
  const console = new TryIt(page);
  await console.getSuitableCredential();
  await console.send();
  await expect(console.status()).toHaveText(/^201/);
  return { key: JSON.parse(await console.body()) as { id: string; secret: string }, console };
}

test('no credential: 401 with its explanation, and the guide that covers it', async ({ page }) => {
  await page.goto('/docs/api/get-current-identity');
  const console = new TryIt(page);
  await console.send();
  await expect(console.status()).toHaveText(/^401 Unauthorized/);
  const explanation = console.root.getByTestId('response-explanation');
  await expect(explanation).toContainText('401: who are you?');
  await expect(explanation).toContainText('WWW-Authenticate');
  await expect(explanation.getByRole('link')).toHaveAttribute('href', /\/docs\/errors#401$/);
  await expect(console.root.getByTestId('response-headers')).toContainText('www-authenticate');
  await expect(console.root.getByTestId('response-headers')).toContainText('x-request-id');
});

test('a credential without the scope: warned before sending, then 403 naming the scope', async ({ page }) => {
  await page.goto('/docs/api/create-api-key');
  const console = new TryIt(page);
  await console.useSeeded(/Grace/);
  await expect(console.root.getByTestId('scope-check')).toContainText('Lacks manage:api-keys');
  await console.send();
  await expect(console.status()).toHaveText(/^403 Forbidden/);
  await expect(console.root.getByTestId('response-explanation')).toContainText('lacks the manage:api-keys scope');
  expect(JSON.parse(await console.body())).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:api-keys' } });

  await console.getSuitableCredential();
  await expect(console.root.getByTestId('scope-check')).toContainText('Carries manage:api-keys');
  await console.send();
  await expect(console.status()).toHaveText(/^201 Created/);
});

test('an API key created in one console works in another until it is revoked', async ({ page }) => {
  test.slow(); // several pages, each loading the console and the sandbox
  const { key, console: create } = await createKeyThroughConsole(page);
  await create.root.getByRole('button', { name: 'Use it in every console' }).click();

  await page.goto('/docs/api/list-clusters');
  const list = new TryIt(page);
  await expect(list.root.getByTestId('selected-credential')).toBeVisible();
  await list.send();
  await expect(list.status()).toHaveText(/^200/);

  await page.goto('/docs/api/revoke-api-key');
  const revoke = new TryIt(page);
  await revoke.field(/keyId/).fill(key.id);
  await revoke.getSuitableCredential();
  await revoke.send();
  await expect(revoke.status()).toHaveText(/^200/);

  await page.goto('/docs/api/list-clusters');
  const again = new TryIt(page);
  const createdKey = await again.root.getByLabel('Credential').locator('option', { hasText: 'API key you created' }).textContent();
  await again.root.getByLabel('Credential').selectOption({ label: createdKey ?? '' });
  await again.send();
  await expect(again.status()).toHaveText(/^401/);
});

test('exhausting the rate limit: 429 with Retry-After, explained', async ({ page }) => {
  test.slow(); // spends a whole rate-limit window of requests
  await page.goto('/docs/api/list-clusters');
  const console = new TryIt(page);
  await console.getSuitableCredential();
  await console.send();
  const limit = Number((await console.root.getByTestId('response-headers').getByRole('row', { name: /^ratelimit-limit/ }).locator('td').textContent()) ?? '0');
  expect(limit).toBeGreaterThan(0);
  // Spend the rest of the window with the same credential, as a busy script would.
  const token = (await page.evaluate(() => localStorage.getItem('datastack.console.credentials.v1'))) ?? '';
  const secret = (JSON.parse(token) as { credentials: { secret: string }[] }).credentials.at(-1)?.secret ?? '';
  await page.evaluate(
    async ({ secret, count }) => {
      for (let sent = 0; sent < count; sent += 50) {
        await Promise.all(
          Array.from({ length: 50 }, () => fetch('https://sandbox.datastack.test/v1/clusters', { headers: { Authorization: `Bearer ${secret}` } })),
        );
      }
    },
    { secret, count: limit },
  );
  await console.send();
  await expect(console.status()).toHaveText(/^429 Too Many Requests/);
  await expect(console.root.getByTestId('response-headers')).toContainText('retry-after');
  await expect(console.root.getByTestId('response-explanation')).toContainText('Retry-After');
});

test('authorization code + PKCE in a consent popup, then the token calls the API', async ({ page }) => {
  test.slow(); // a popup page with its own sandbox, then a token exchange and a refresh
  await page.goto('/docs/api/get-current-identity');
  const console = new TryIt(page);
  await console.root.getByText('Run an OAuth flow').click();
  await console.field('Scopes to ask for').fill('read:profile offline_access');
  const popupOpened = page.waitForEvent('popup');
  await console.root.getByRole('button', { name: 'Authorization code + PKCE' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Email').fill(ada.email);
  await popup.getByLabel('Password').fill(ada.password);
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(console.root.getByTestId('credential-status')).toContainText('authorization code');
  await expect(console.root.getByTestId('credential-scopes')).toContainText('read:profile');
  await console.send();
  await expect(console.status()).toHaveText(/^200/);
  expect(JSON.parse(await console.body())).toMatchObject({ user: { id: 'usr_ada' }, credential: { kind: 'oauth_access_token', id: 'cli_desktop' } });

  await console.root.getByRole('button', { name: 'Refresh' }).click();
  await expect(console.root.getByTestId('credential-status')).toContainText('refreshed');
  await console.send();
  await expect(console.status()).toHaveText(/^200/);
});

test('device sign-in: the console polls while the reader approves on the verification page', async ({ page, context }) => {
  test.slow(); // the sandbox asks devices to poll every 5 seconds
  await page.goto('/docs/api/get-current-identity');
  const console = new TryIt(page);
  await console.root.getByText('Run an OAuth flow').click();
  await console.root.getByRole('button', { name: 'Device sign-in' }).click();
  const userCode = (await console.root.getByTestId('device-user-code').textContent()) ?? '';
  const verification = await console.root.getByRole('link', { name: 'open the verification page' }).getAttribute('href');

  const phone = await context.newPage();
  await phone.goto(verification ?? '');
  await expect(phone.getByLabel(/code/i).first()).toHaveValue(userCode);
  await phone.getByLabel('Email').fill(ada.email);
  await phone.getByLabel('Password').fill(ada.password);
  await phone.getByRole('button', { name: /Continue|Allow|Connect/ }).first().click();

  await expect(console.root.getByTestId('credential-status')).toContainText('device sign-in', { timeout: 30_000 });
  await console.send();
  await expect(console.status()).toHaveText(/^200/);
});

test('reset restores the seed; a reload keeps the state', async ({ page }) => {
  test.slow(); // several pages, each loading the console and the sandbox
  const { key } = await createKeyThroughConsole(page);

  await page.goto('/docs/api/get-api-key');
  const get = new TryIt(page);
  await get.field(/keyId/).fill(key.id);
  await get.send();
  await expect(get.status()).toHaveText(/^200/);

  await page.reload();
  const afterReload = new TryIt(page);
  await afterReload.field(/keyId/).fill(key.id);
  await afterReload.send();
  await expect(afterReload.status()).toHaveText(/^200/);

  await afterReload.root.getByRole('button', { name: 'Reset sandbox' }).click();
  await expect(afterReload.root.getByTestId('reset-status')).toContainText('back to its seed');
  await afterReload.getSuitableCredential();
  await afterReload.send();
  await expect(afterReload.status()).toHaveText(/^404/);
});

/**
 * Loads a page and checks that its first load neither downloaded MSW (whose browser code prefixes
 * everything it logs with "[MSW]"; no other script does) nor registered the sandbox's worker.
 * Returns the scripts it downloaded.
 */
async function expectNoSandboxOnFirstLoad(page: Page, path: string): Promise<string[]> {
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(await response.text());
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((source) => source.includes('[MSW]'))).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  return scripts;
}

test('first load of a reference page does not download the sandbox or register its worker', async ({ page }) => {
  const scripts = await expectNoSandboxOnFirstLoad(page, '/docs/api/create-api-key');
  expect(scripts.length).toBeGreaterThan(0);
});

test('guide pages never download the sandbox', async ({ page }) => {
  await expectNoSandboxOnFirstLoad(page, '/docs/authentication');
});
