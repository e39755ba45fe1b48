import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath, missingChromiumMessage } from './scripts/chromium.ts';

const executablePath = chromiumPath();
if (!executablePath) throw new Error(missingChromiumMessage);

const port = Number(process.env.E2E_PORT ?? 4329);

// End-to-end tests run against the built site (`npm run build` first), served as a static host would.
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/serve-static.ts`,
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/pt-br/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
