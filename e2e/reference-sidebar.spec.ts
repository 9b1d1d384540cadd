import { operations as catalogue } from '../mock-server/generated/catalogue';
import { expect, test } from './support/fixtures';
import { documentedOperations } from './support/spec';

const operations = documentedOperations();

test('the API sidebar links to every operation and webhook event in the spec', async ({ page }) => {
  await page.goto('/docs/api/datastack-auth-access-api');
  const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });

  // Expand every collapsed tag category until none is left.
  const collapsed = sidebar.locator('.menu__list-item--collapsed > div > .menu__link, .menu__list-item--collapsed > .menu__link');
  while ((await collapsed.count()) > 0) await collapsed.first().click();

  const hrefs = await sidebar.locator('a.menu__link').evaluateAll((links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
  expect(operations.length).toBeGreaterThan(40);
  expect(hrefs).toEqual(expect.arrayContaining(operations.map((operation) => operation.pagePath)));
});

// Every API operation's page is opened, and its heading checked, by tryit-every-operation.spec.ts;
// the webhook events' pages have no console, so they are opened here.
const apiOperations = new Set<string>(catalogue.map((operation) => operation.operationId));
for (const operation of operations.filter((candidate) => !apiOperations.has(candidate.operationId))) {
  test(`reference page for ${operation.operationId} renders`, async ({ page }) => {
    await page.goto(operation.pagePath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(operation.summary);
  });
}
