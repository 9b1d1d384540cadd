/**
 * Code samples in tabs: a reader picks a language once, and every guide shows that language
 * first, on the next page and after a reload.
 */
import { expect, test } from './support/fixtures';

test("a reader's language choice follows them across guides and reloads", async ({ page }) => {
  await page.goto('/docs/personal-access-tokens');
  const firstGroup = page.getByRole('tablist').first();
  await expect(firstGroup.getByRole('tab')).toHaveText(['curl', 'JavaScript', 'Python', 'Go']);
  await expect(firstGroup.getByRole('tab', { name: 'curl' })).toHaveAttribute('aria-selected', 'true');

  await firstGroup.getByRole('tab', { name: 'Python' }).click();
  await expect(firstGroup.getByRole('tab', { name: 'Python' })).toHaveAttribute('aria-selected', 'true');
  // Every group on the page follows the choice.
  for (const group of await page.getByRole('tablist').all()) {
    const python = group.getByRole('tab', { name: 'Python' });
    if ((await python.count()) > 0) await expect(python).toHaveAttribute('aria-selected', 'true');
  }

  await page.getByRole('link', { name: 'Quickstart', exact: true }).first().click();
  await expect(page).toHaveURL(/\/docs\/quickstart$/);
  const quickstartTabs = page.getByRole('tablist').first();
  await expect(quickstartTabs.getByRole('tab', { name: 'Python' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').filter({ hasText: 'import requests' }).first()).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tablist').first().getByRole('tab', { name: 'Python' })).toHaveAttribute('aria-selected', 'true');
});
