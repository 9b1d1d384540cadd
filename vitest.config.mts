import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `@site/…` resolves as in Docusaurus and tsconfig, for the site modules under test.
  resolve: { alias: [{ find: /^@site\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'build/**', 'e2e/**', '.docusaurus/**'],
    globalSetup: ['openapi/test/global-setup.ts'],
    // A loaded two-core CI machine runs the heavier tests (dozens of requests, password hashing)
    // several times slower than an idle one; a hang still fails, just later.
    testTimeout: 20_000,
  },
});
