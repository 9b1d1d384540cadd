/**
 * Generated from the spec, not hand-picked: for every operation, open its reference page on the
 * static build (its heading is the operation's summary), get a suitable credential through the console's panel, send the request the page
 * prefills from the spec's examples, and check the console shows exactly what the in-browser
 * sandbox answered. Each test runs in a fresh browser context, so the sandbox starts from its seed.
 */
import { operations } from '../mock-server/generated/catalogue';
import { renderedBody, TryIt } from './support/console';
import { expect, test } from './support/fixtures';
import { documentedOperations } from './support/spec';

const documented = new Map(documentedOperations().map((operation) => [operation.operationId, operation]));

/**
 * Operations whose first spec example is refused on purpose, with why. Every other operation must
 * answer its documented success status.
 */
const refusedByTheirExample: Record<string, { status: number; why: string }> = {
  exchangeCredentialsForAccessToken: {
    status: 400,
    why: 'its first example redeems an authorization code, which only a consent page issues (tryit-scenarios runs that flow)',
  },
  submitAuthorizationDecision: {
    status: 302,
    why: 'the consent form sends the browser back to the app, a redirect the page may not read (the console says so)',
  },
  submitDeviceVerification: {
    status: 400,
    why: 'its example user code was never issued to a device (tryit-scenarios runs the device flow)',
  },
};

// A refused example is logged by Chromium as a failed load; that is the point of those tests.
test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 4\d\d/] });

for (const operation of operations) {
  test(`${operation.operationId}: the console shows what the sandbox answers`, async ({ page }) => {
    const reference = documented.get(operation.operationId);
    if (!reference?.successStatus) throw new Error(`${operation.operationId} has no reference page or no documented success status`);
    await page.goto(reference.pagePath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference.summary);
    const console = new TryIt(page);
    if (operation.needsCredential || operation.authenticatesClient) await console.getSuitableCredential();

    const response = await console.send();
    const expected = refusedByTheirExample[operation.operationId]?.status ?? reference.successStatus;
    if (response.status() >= 300 && response.status() < 400) {
      expect(response.status()).toBe(expected);
      await expect(console.root.getByTestId('response-explanation')).toContainText('redirect');
      return;
    }
    const text = await response.text();
    expect(response.status(), text.slice(0, 300)).toBe(expected);
    if (text === '') await expect(console.root.getByText('No body.')).toBeVisible();
    else expect(await console.body()).toBe(renderedBody(text, response.headers()['content-type'] ?? ''));
  });
}
