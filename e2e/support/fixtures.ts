import { test as base, expect } from '@playwright/test';

export interface ConsoleOptions {
  /** Console errors a journey causes on purpose (a 401 it provokes logs one), matched by pattern. */
  expectedConsoleErrors: RegExp[];
}

/**
 * A page that fails the test when the browser logs an error or throws: every journey
 * asserts a clean console without repeating the listener.
 */
export const test = base.extend<ConsoleOptions & { consoleErrors: string[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
