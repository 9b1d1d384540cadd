/**
 * The quickstart's browser path, followed as the page words it: create a token on the page, hand
 * it to every console, ask who you are on the reference page, then be refused on purpose.
 */
import { TryIt } from './support/console';
import { expect, test } from './support/fixtures';

// The refusal in step 3 is the point; Chromium logs it as a failed load.
test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 403/] });

test('the quickstart in the browser: a token from the page, 200 from Who am I?, 403 creating a cluster', async ({ page }) => {
  test.slow(); // three pages, each starting the in-browser sandbox

  await page.goto('/docs/quickstart');
  const create = page.getByTestId('run-in-sandbox').first();
  await create.getByRole('button', { name: 'Run in sandbox' }).click();
  await expect(create.getByTestId('response-status')).toHaveText('201 Created');
  const issued = JSON.parse((await create.getByTestId('response-body').locator('code').textContent()) ?? '') as { token: string; scopes: string[] };
  expect(issued.scopes).toEqual(['read:profile', 'read:clusters']);
  await create.getByRole('button', { name: 'Use it in every console' }).click();
  await expect(create.getByRole('status')).toHaveText('Every console on this site now sends it.');

  await page.getByRole('link', { name: 'Who am I?' }).first().click();
  await expect(page).toHaveURL(/\/docs\/api\/get-current-identity$/);
  const whoAmI = new TryIt(page);
  await expect(whoAmI.root.getByLabel('Credential').locator('option:checked')).toHaveText('quickstart (personal access token you created)');
  await expect(whoAmI.root.getByTestId('scope-check')).toContainText('Carries read:profile');
  await whoAmI.send();
  await expect(whoAmI.status()).toHaveText(/^200 OK/);
  expect(JSON.parse(await whoAmI.body())).toMatchObject({
    user: { id: 'usr_ada' },
    role: 'admin',
    credential: { kind: 'personal_access_token' },
    scopes: ['read:profile', 'read:clusters'],
  });

  await page.goto('/docs/quickstart');
  await page.getByRole('link', { name: 'Create a cluster' }).first().click();
  await expect(page).toHaveURL(/\/docs\/api\/create-cluster$/);
  const createCluster = new TryIt(page);
  await expect(createCluster.root.getByTestId('scope-check')).toContainText('Lacks manage:clusters');
  await createCluster.send();
  await expect(createCluster.status()).toHaveText(/^403 Forbidden/);
  await expect(createCluster.root.getByTestId('response-headers')).toContainText('insufficient_scope');
  await expect(createCluster.root.getByTestId('response-explanation')).toContainText('lacks the manage:clusters scope');
});
