/**
 * The try-it console on the static build, with no server but the static file server: requests
 * go to the in-browser sandbox, which starts on its own when a console comes into view.
 */
import { seed } from '../mock-server/core/seed';
import { expect, test } from './support/fixtures';

const adaToken = seed.tokens.find((token) => token.id === 'tok_adaCli')?.secret ?? '';

test('a reference page answers from the in-browser sandbox, with no server running', async ({ page }) => {
  await page.goto('/docs/api/get-sandbox');
  await page.getByRole('button', { name: 'Send API Request' }).click();
  const response = page.locator('.openapi-explorer__response-container');
  await expect(response).toContainText('"users"', { timeout: 15_000 });
  await expect(response).toContainText('ada@acme.test');
  await expect(response).toContainText(/Clear\s*200/);
});

test('an authenticated call uses the credential typed into the console', async ({ page }) => {
  await page.goto('/docs/api/get-current-identity');
  await page.getByPlaceholder('Bearer Token').first().fill(adaToken);
  await page.getByRole('button', { name: 'Send API Request' }).click();
  const response = page.locator('.openapi-explorer__response-container');
  await expect(response).toContainText('"usr_ada"', { timeout: 15_000 });
  await expect(response).toContainText(/Clear\s*200/);
});

test('guide pages do not download the sandbox', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/docs/authentication');
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((url) => url.includes('mockServiceWorker'))).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});
