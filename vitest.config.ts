import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure logic in Node, HTTP mocked at the network edge with MSW; needs no build.
// `build`: what the build produced (size budgets, the manifest, the npm package, broken content).
// Browser tests live elsewhere: widget components under @web/test-runner, the built site under Playwright.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{core,widget,site,server}/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
        },
      },
      { extends: true, test: { name: 'build', include: ['test/build/**/*.test.ts'] } },
    ],
  },
});
