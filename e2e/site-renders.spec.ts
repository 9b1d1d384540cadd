import { expect, test } from './support/fixtures';

test('the landing page says what the docs cover and leads to the quickstart and the reference', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticate to DataStack' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What these docs cover' }).getByRole('heading')).toHaveCount(6);

  await page.getByRole('link', { name: 'Start the quickstart' }).click();
  await expect(page).toHaveURL(/\/docs\/quickstart$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Quickstart' })).toBeVisible();

  await page.goto('/');
  await page.getByRole('link', { name: 'Browse the API reference' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'DataStack Auth & Access API' })).toBeVisible();
});

test('the authentication overview renders its sections and its diagram', async ({ page }) => {
  await page.goto('/docs/authentication');
  await expect(page.getByRole('heading', { level: 1, name: 'Authentication overview' })).toBeVisible();
  for (const section of ['Choosing a credential', 'Sending a credential', 'Scopes', 'When a request is refused']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.locator('.docusaurus-mermaid-container svg')).toBeVisible();

  const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
  await expect(sidebar.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
});

test('a generated reference page shows the operation, its parameters and its responses', async ({ page }) => {
  await page.goto('/docs/api/create-api-key');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an API key' })).toBeVisible();
  await expect(page.locator('.openapi__method-endpoint')).toContainText('/v1/api-keys');
  await expect(page.getByRole('heading', { name: 'Request', exact: false }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Responses' })).toBeVisible();
  for (const status of ['201', '400', '401', '403', '429']) {
    await expect(page.getByRole('tab', { name: status, exact: true })).toBeVisible();
  }
});
