/**
 * The same console pointed at the Node mock on 127.0.0.1:4010: the same answers as the in-browser
 * sandbox, and a clear message when the mock is not running.
 */
import { localMockUrl } from '../src/console/servers';
import { type RunningMock, startNodeMock } from '../mock-server/hosts/node';
import { TryIt } from './support/console';
import { expect, test } from './support/fixtures';

// One test starts the mock on its fixed port: run them one after the other.
test.describe.configure({ mode: 'serial' });

// The refused call and the unreachable server are logged by Chromium on purpose.
test.use({ expectedConsoleErrors: [/^Failed to load resource: (the server responded with a status of 401|net::ERR_(CONNECTION_REFUSED|FAILED))/] });

/** The seeded state, without what depends on when each sandbox was seeded (clock, token expiry). */
function seededState(body: string) {
  const state = JSON.parse(body) as { tokens: Record<string, unknown>[]; clock?: unknown };
  return { ...state, clock: undefined, tokens: state.tokens.map((token) => ({ ...token, expires_at: undefined })) };
}

test('with the Node mock running, the page targets it and gets the same answers', async ({ page }) => {
  let mock: RunningMock;
  try {
    mock = await startNodeMock({ host: '127.0.0.1', port: Number(new URL(localMockUrl).port) });
  } catch (error) {
    throw new Error(`could not start the Node mock on ${localMockUrl} (is something else listening there?): ${String(error)}`);
  }
  try {
    await page.goto('/docs/api/get-sandbox');
    const console = new TryIt(page);
    await console.send();
    const inBrowser = await console.body();

    await console.root.getByLabel(/^Local mock/).check();
    await expect(page.locator('.openapi__method-endpoint')).toContainText(localMockUrl);
    await console.send(localMockUrl);
    await expect(console.status()).toHaveText(/^200/);
    expect(seededState(await console.body())).toEqual(seededState(inBrowser));

    await page.goto('/docs/api/get-current-identity');
    const identity = new TryIt(page);
    await identity.send(localMockUrl);
    await expect(identity.status()).toHaveText(/^401/);
    await identity.getSuitableCredential();
    await identity.send(localMockUrl);
    await expect(identity.status()).toHaveText(/^200/);
    expect(JSON.parse(await identity.body())).toMatchObject({ user: { id: 'usr_ada' } });
  } finally {
    await mock.close();
  }
});

test('with the Node mock stopped, the console says how to start it', async ({ page }) => {
  await page.goto('/docs/api/get-sandbox');
  const console = new TryIt(page);
  await console.root.getByLabel(/^Local mock/).check();
  await console.root.getByRole('button', { name: /^Send \w+ request$/ }).click();
  await expect(console.status()).toHaveText('No response');
  await expect(console.root.getByTestId('response-explanation')).toContainText('npm run mock');
});
