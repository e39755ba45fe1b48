import { defineConfig } from 'vitest/config';

// Unit tests: pure logic in Node, HTTP mocked at the network edge with MSW.
// Browser tests live elsewhere: widget components under @web/test-runner, the built site under Playwright.
export default defineConfig({
  test: {
    include: ['{core,widget,site,server}/**/*.test.ts', 'test/{unit,build}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
