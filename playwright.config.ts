import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath, missingChromiumMessage } from './scripts/chromium.ts';
import { helpdeskPort, helpdeskSecret } from './test/e2e/helpdesk-mock.ts';
import { customerTokenSecret } from './test/e2e/customer-token.ts';

const executablePath = chromiumPath();
if (!executablePath) throw new Error(missingChromiumMessage);

const port = Number(process.env.E2E_PORT ?? 4329);
const dataDir = path.join(os.tmpdir(), `support-kit-e2e-${port}`);

// End-to-end tests run against the built product (`npm run build` first) served by the reference server.
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  // A flaky test is a bug to fix, never to retry.
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  // The real server on the built site, with a fresh database for every run. Playwright fills a form
  // in well under a second, which the bot check (unit-tested in server/src/app.test.ts) would refuse
  // at random: MIN_FILL_SECONDS is 0 here. Every test browser is 127.0.0.1: the per-client limits are out of the way.
  // Tickets and replies are forwarded to a helpdesk mock (test/e2e/helpdesk-mock.ts), which signs
  // its status updates with the same WEBHOOK_SECRET. Customer tokens are signed, as a hosting company's
  // server signs them, with CUSTOMER_TOKEN_SECRET (test/e2e/customer-token.ts).
  webServer: [
    {
      command: 'node test/e2e/helpdesk-mock.ts',
      env: { E2E_PORT: String(port) },
      url: `http://127.0.0.1:${helpdeskPort(port)}/events`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf ${dataDir} && node server/src/main.ts`,
      env: {
        PORT: String(port), DEMO_PORT: String(port + 1), HOST: '127.0.0.1', DATA_DIR: dataDir, RATE_LIMIT: '1000', VOTE_LIMIT: '1000', EVENT_LIMIT: '1000', MIN_FILL_SECONDS: '0',
        WEBHOOK_URL: `http://127.0.0.1:${helpdeskPort(port)}/`, WEBHOOK_SECRET: helpdeskSecret,
        CUSTOMER_TOKEN_SECRET: customerTokenSecret,
      },
      url: `http://127.0.0.1:${port}/pt-br/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
