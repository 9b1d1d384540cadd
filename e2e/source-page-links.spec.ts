/**
 * A reader arriving from one of the source pages by any of its reference links lands on the page
 * of that operation, not on the "Page Not Found" page: directly, or through a redirect written
 * into the build for a page that has since been renamed.
 */
import { referenceRedirects } from '../src/reference-redirects';
import sourcePageLinks from './fixtures/source-page-links.json';
import { expect, test } from './support/fixtures';
import { referencePages } from './support/spec';

const pages = referencePages();

for (const link of sourcePageLinks.links) {
  test(`the source page link [${link.text}](${link.href}) (${link.source}:${link.line}) opens a reference page`, async ({ page }) => {
    const target = referenceRedirects.find((redirect) => redirect.from === link.href)?.to ?? link.href;
    const expected = pages.find((candidate) => candidate.path === target);
    expect(expected, `${target} is a generated reference page`).toBeDefined();

    // The hash (here the Request section) survives the redirect, so links to a section keep working.
    await page.goto(`${link.href}#request`);
    await expect(page).toHaveURL((url) => url.pathname === target && url.hash === '#request');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected?.title ?? '');
    await expect(page.getByRole('heading', { name: 'Page Not Found' })).toHaveCount(0);
  });
}
