import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'build/**', 'e2e/**', '.docusaurus/**'],
    globalSetup: ['openapi/test/global-setup.ts'],
  },
});
