import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `@site/…` resolves as in Docusaurus and tsconfig, for the site modules under test.
  resolve: { alias: [{ find: /^@site\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'build/**', 'e2e/**', '.docusaurus/**'],
    globalSetup: ['openapi/test/global-setup.ts'],
  },
});
