/**
 * The interactive tools page as a reader uses it: each tool works on the static build, with the
 * in-browser sandbox loaded only when a tool needs it, and no console errors on the way.
 */
import { createHash } from 'node:crypto';

import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';

const path = '/docs/interactive-tools';

/** Opens the page and waits until the tools' lazily loaded code has arrived and hydrated. */
async function openTools(page: Page): Promise<string[]> {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text());
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  // The generator fills in its first pair once hydrated.
  await expect(page.getByTestId('pkce-verifier')).not.toBeEmpty();
  return Promise.all(scripts);
}

test('the page loads without the in-browser sandbox', async ({ page }) => {
  const scripts = await openTools(page);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((script) => script.includes('[MSW]'))).toEqual([]);
});

test('a generated PKCE pair verifies, in the page and independently', async ({ page }) => {
  await openTools(page);
  const tool = page.getByTestId('pkce-generator');
  await tool.getByRole('button', { name: 'Generate a new pair' }).click();
  const verifier = (await tool.getByTestId('pkce-verifier').textContent()) ?? '';
  const challenge = (await tool.getByTestId('pkce-challenge').textContent()) ?? '';
  expect(verifier).toMatch(/^[A-Za-z0-9._~-]{64}$/);
  expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));

  await tool.getByLabel('Code verifier', { exact: true }).fill(verifier);
  await tool.getByLabel('Code challenge you sent (optional)').fill(challenge);
  await expect(tool.getByTestId('pkce-check-result')).toContainText('✓ Matches the challenge you sent.');
  await tool.getByLabel('Code challenge you sent (optional)').fill(challenge.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')));
  await expect(tool.getByTestId('pkce-check-result')).toContainText('✗ Does not match the challenge you sent.');
});

test('a JWT built in the page decodes with its claims and a valid signature', async ({ page }) => {
  await openTools(page);
  const tool = page.getByTestId('jwt-tool');
  await tool.getByLabel('Client id').fill('cli_reporting');
  await tool.getByLabel('Client secret', { exact: true }).fill('a-client-secret-for-the-test');
  await tool.getByLabel('Lifetime (seconds)').fill('120');
  await tool.getByLabel('Scope (optional)').fill('read:clusters');
  await tool.getByRole('button', { name: 'Build and sign' }).click();
  await expect(tool.getByTestId('jwt-built')).toHaveText(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);

  await tool.getByRole('button', { name: 'Decode it below' }).click();
  await expect(tool.getByTestId('jwt-signature')).toHaveText('✓ Valid signature: HS256 with this secret.');
  await expect(tool.getByTestId('jwt-findings')).toHaveText('✓ Meets DataStack’s rules for client-signed JWTs.');
  const claims = tool.getByTestId('jwt-claims');
  const expected: [claim: string, value: string][] = [
    ['iss', '"cli_reporting"'],
    ['sub', '"cli_reporting"'],
    ['aud', '"datastack-api"'],
    ['scope', '"read:clusters"'],
  ];
  for (const [claim, value] of expected) {
    await expect(claims.getByRole('row').filter({ has: page.getByRole('rowheader', { name: claim, exact: true }) })).toContainText(value);
  }
  await expect(claims.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'exp', exact: true }) })).toContainText('UTC (in 2 minutes)');

  await tool.getByLabel('Client secret (to check the signature)').fill('another-secret');
  await expect(tool.getByTestId('jwt-signature')).toHaveText(/^✗ Invalid signature/);
});

test('the webhook verifier accepts a sandbox test delivery and refuses it tampered', async ({ page }) => {
  await openTools(page);
  const tool = page.getByTestId('webhook-verifier');
  await tool.getByRole('button', { name: 'Fill in a test delivery from the sandbox' }).click();
  const verdict = tool.getByTestId('webhook-verdict');
  await expect(verdict).toHaveText('✓ Valid: this secret signed this payload, within the replay window.');
  await expect(tool.getByLabel('DataStack-Signature header')).toHaveValue(/^t=\d+,v1=[0-9a-f]{64}$/);

  const payload = tool.getByLabel('Payload (the raw request body)');
  await payload.fill((await payload.inputValue()).replace('"webhook.test"', '"member.removed"'));
  await expect(verdict).toHaveText(/^✗ Invalid\. No v1 signature matches/);
  await expect(tool.getByTestId('webhook-steps')).toContainText('differs');
});

test('RunInSandbox sends the example request and shows a 200 for its user', async ({ page }) => {
  await openTools(page);
  const example = page.getByTestId('run-in-sandbox').first();
  await example.getByRole('button', { name: 'Run in sandbox' }).click();
  await expect(example.getByTestId('response-status')).toHaveText('200 OK');
  await expect(example.getByTestId('response-body')).toContainText('"id": "usr_ada"');
  await expect(example).toContainText("as Ada's CLI");
});
