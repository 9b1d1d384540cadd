/**
 * Axe on every guide, the landing page and a reference page with its console opened up, each in
 * three views: light and dark at desktop width, and light at phone width (where tables and tab
 * lists run out of room); and on one reference page of each other layout the theme draws. A
 * violation of impact `serious` or `critical` fails the test, listed with its rule, targets and
 * help page. Guides are found in `docs/*.mdx`, so a new page is checked without touching this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { Page, ViewportSize } from '@playwright/test';
import { parse } from 'yaml';

import { TryIt } from './support/console';
import { expect, test } from './support/fixtures';

type ColorMode = 'light' | 'dark';

interface View {
  readonly name: string;
  readonly mode: ColorMode;
  readonly viewport?: ViewportSize;
}

const views: readonly View[] = [
  { name: 'light mode', mode: 'light' },
  { name: 'dark mode', mode: 'dark' },
  { name: 'light mode at phone width', mode: 'light', viewport: { width: 390, height: 844 } },
];

// One reference page per layout the theme draws, each bringing markup the others lack.
const referenceLayouts = {
  'a form body, a table in the description and a long grant type': '/docs/api/exchange-credentials-for-access-token',
  'a PATCH badge and a path parameter': '/docs/api/update-api-key',
  'a long endpoint URL and no request body': '/docs/api/get-authorization-server-metadata',
  'a webhook event': '/docs/api/api-key-created-event',
  'a tag index': '/docs/api/api-keys',
  'the API overview': '/docs/api/datastack-auth-access-api',
} as const;

const failingImpacts: ReadonlySet<string> = new Set(['serious', 'critical']);

interface GuideFrontMatter {
  id?: string;
  slug?: string;
  draft?: boolean;
}

/** The published path of every guide in `docs/` (partials, `_*.mdx`, and drafts excluded). */
function guidePaths(dir = 'docs'): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx') && !file.startsWith('_'))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(`${dir}/${file}`, 'utf8');
      const frontMatter = (parse(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '') ?? {}) as GuideFrontMatter;
      if (frontMatter.draft) return [];
      if (frontMatter.slug) return [frontMatter.slug.startsWith('/') ? `/docs${frontMatter.slug}` : `/docs/${frontMatter.slug}`];
      return [`/docs/${frontMatter.id ?? basename(file, '.mdx')}`];
    });
}

/**
 * Puts the loaded page in the view's colour mode as a reader would: with the navbar toggle, which
 * sits in the collapsed menu at phone width, where the page opens in the browser's (light) mode.
 */
async function useColorMode(page: Page, view: View): Promise<void> {
  const current = () => page.evaluate(() => document.documentElement.dataset.theme);
  if (!view.viewport) {
    const toggle = page.getByRole('button', { name: /^Switch between dark and light mode/ });
    // The toggle cycles through system, light and dark.
    for (let clicks = 0; clicks < 3 && (await current()) !== view.mode; clicks++) await toggle.click();
  }
  expect(await current()).toBe(view.mode);
}

/**
 * Waits until the page is hydrated (Docusaurus then marks `<html data-has-hydrated>`; what React
 * adds, such as keyboard stops on wide tables, is in place) and its diagrams, drawn after
 * hydration, are visible, so axe sees the page a reader uses.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
  for (const diagram of await page.locator('.docusaurus-mermaid-container').all()) await expect(diagram.locator('svg')).toBeVisible();
}

/** Runs axe on the page as it is now and fails on serious or critical violations, described in full. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const failing = violations.filter((violation) => failingImpacts.has(violation.impact ?? ''));
  const report = failing.map((violation) =>
    [
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}`,
      `  help: ${violation.helpUrl}`,
      ...violation.nodes.map(
        (node) => `  target: ${node.target.join(' ')}${node.failureSummary ? `\n    ${node.failureSummary.replace(/\n/g, '\n    ')}` : ''}`,
      ),
    ].join('\n'),
  );
  expect(failing.length, `serious or critical accessibility violations on ${page.url()}:\n${report.join('\n')}`).toBe(0);
}

for (const view of views) {
  test.describe(`in ${view.name}`, () => {
    // Axe needs ~13 s on the longest guide (6,600 elements) on a busy two-core machine.
    test.describe.configure({ timeout: 180_000 });
    if (view.viewport) test.use({ viewport: view.viewport });

    test('the landing page has no serious accessibility violations', async ({ page }) => {
      await page.goto('/');
      await useColorMode(page, view);
      await settle(page);
      await expectNoSeriousViolations(page);
    });

    for (const path of guidePaths()) {
      test(`the guide ${path} has no serious accessibility violations`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status(), `${path} is published`).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await useColorMode(page, view);
        await settle(page);
        await expectNoSeriousViolations(page);
      });
    }

    test('a reference page with its console opened up has no serious accessibility violations', async ({ page }) => {
      await page.goto('/docs/api/create-api-key');
      await useColorMode(page, view);
      await openConsolePanels(page);
      await settle(page);
      // Its eight response codes wrap onto a second row instead of scrolling behind arrow buttons.
      await expect(page.locator('.openapi-tabs__arrow')).toHaveCount(0);
      await expectNoSeriousViolations(page);
    });
  });
}

/**
 * Sends the console's request with a one-click credential and opens its OAuth flows and code
 * snippets, so axe sees the response, its status colour and every panel too.
 */
async function openConsolePanels(page: Page): Promise<void> {
  const tryIt = new TryIt(page);
  await tryIt.getSuitableCredential();
  await tryIt.send();
  await expect(tryIt.status()).toHaveText(/^201 Created/);
  const console = tryIt.root;
  await console.getByText('Run an OAuth flow', { exact: true }).click();
  await console.getByText('Code snippets', { exact: true }).click();
  for (const panel of ['Run an OAuth flow', 'Code snippets']) {
    await expect(console.locator('details', { has: page.getByText(panel, { exact: true }) })).toHaveAttribute('open', '');
  }
  await expect(console.getByTestId('snippet')).toBeVisible();
}

test.describe('reference layouts, in light mode', () => {
  test.describe.configure({ timeout: 180_000 });

  for (const [layout, path] of Object.entries(referenceLayouts)) {
    test(`a reference page with ${layout} has no serious accessibility violations`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status(), `${path} is published`).toBe(200);
      await settle(page);
      await expectNoSeriousViolations(page);
    });
  }
});
