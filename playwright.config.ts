import { chromium, defineConfig, devices } from '@playwright/test';

import { chooseBrowser } from './scripts/playwright-browser';

const isCI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3100);
const browser = chooseBrowser(chromium.executablePath());

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: 2,
  // A loaded CI machine hydrates a large reference page or derives a password hash several times
  // slower than a laptop: the waits are for conditions, so generous limits cost passing tests nothing.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: [...browser.args] },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // Tests run against the production build, as readers get it.
  webServer: {
    command: `npx docusaurus serve --host 127.0.0.1 --port ${port} --no-open`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
  },
});
