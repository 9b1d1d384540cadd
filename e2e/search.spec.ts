import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';

/** The navbar search box: a plain text box until the index loads, a combobox after. */
const searchBox = (page: Page) => page.getByLabel('Search', { exact: true });

interface SearchCase {
  query: string;
  /** Where the reader starts: a guide or a generated reference page. */
  from: string;
  /** The suggestion the reader picks, by its text (title and path). */
  pick: RegExp;
  /** Where picking it must lead: path and heading anchor. */
  target: RegExp;
}

const cases: readonly SearchCase[] = [
  {
    query: 'revoke',
    from: '/docs/api/create-api-key',
    pick: /^Revoke an API key/,
    target: /\/docs\/api\/revoke-[a-z-]+$/,
  },
  {
    query: 'PKCE',
    from: '/docs/quickstart',
    pick: /Guides › OAuth|Start an authorization code flow/,
    target: /\/docs\/(oauth|api\/start-authorization)(#[\w-]+)?$/,
  },
  {
    // The rate-limits guide, the rate-limit section of another page, or the errors guide on 429.
    query: '429',
    from: '/docs/api/list-clusters',
    pick: /Rate limits|429: too many requests/,
    target: /\/docs\/(rate-limits(#[\w-]+)?|[\w-]+#rate-limits|errors#429[\w-]*)$/,
  },
  {
    query: 'x-datastack-scope',
    from: '/docs/authentication',
    pick: /Declaring the scope you mean|Sending a credential/,
    target: /\/docs\/(scopes#x-datastack-scope|authentication#required-headers)$/,
  },
];

for (const { query, from, pick, target } of cases) {
  test(`searching "${query}" from ${from} leads to a page that explains it`, async ({ page }) => {
    await page.goto(from);
    await searchBox(page).click();
    await searchBox(page).pressSequentially(query);

    // Only the search box's own list: a reference page's console has `<option>`s of its own.
    const suggestions = page.locator('.navbar__search').getByRole('option');
    const firstFive = async (): Promise<string[]> =>
      (await suggestions.allInnerTexts()).slice(0, 5).map((text) => text.replace(/\s+/g, ' ').trim());
    // The list is redrawn as each letter arrives; a loaded machine may still show an earlier
    // prefix's suggestions ("x-" matches every `curl -X`), so wait for the whole query's.
    await expect
      .poll(firstFive, { message: `a suggestion matching ${pick} among the first five` })
      .toContainEqual(expect.stringMatching(pick));
    const index = (await firstFive()).findIndex((text) => pick.test(text));

    await suggestions.nth(index).click();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).hash).toMatch(target);
    await expect(page.locator('article').first()).toContainText(new RegExp(query, 'i'));
  });
}

test('the search index loads only when the reader reaches for the search box', async ({ page }) => {
  const indexRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/search-index[^/]*\.json/.test(request.url())) indexRequests.push(request.url());
  });
  await page.goto('/docs/api/create-api-key');
  await page.waitForLoadState('networkidle');
  expect(indexRequests, 'index fetched on page load').toEqual([]);

  const indexResponse = page.waitForResponse((response) => /\/search-index[^/]*\.json/.test(response.url()));
  await searchBox(page).focus();
  expect((await indexResponse).ok()).toBe(true);
});

test('the full results page lists guides and reference pages for a query', async ({ page }) => {
  await page.goto('/search?q=rotate');
  const results = page.locator('article').getByRole('link');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(hrefs.some((href) => href.startsWith('/docs/api/rotate-api-key'))).toBe(true);
  expect(hrefs.some((href) => href.startsWith('/docs/api-keys'))).toBe(true);
});
