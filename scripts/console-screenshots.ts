/**
 * Screenshots of the staff console for the README (docs/screenshots/console-*.png), taken with
 * Playwright and Debian's Chromium from a running server with demo data:
 *
 *   DATA_DIR=./data-demo npm run demo:data
 *   printf '%s\n' 'a long demo password' | DATA_DIR=./data-demo npm run staff -- add agent@example.com --role agent
 *   DATA_DIR=./data-demo DEMO_PORT=0 npm run serve &
 *   node scripts/console-screenshots.ts --url http://localhost:4321 --email agent@example.com --password 'a long demo password'
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, missingChromiumMessage } from './chromium.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:4321' },
    email: { type: 'string' },
    password: { type: 'string' },
    out: { type: 'string', default: 'docs/screenshots' },
    lang: { type: 'string', default: 'en' },
  },
});
const executablePath = chromiumPath();
if (!executablePath) throw new Error(missingChromiumMessage);
if (!values.email || !values.password) throw new Error('--email and --password of a staff account are needed');

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', locale: values.lang });
await page.goto(`${values.url}/console/?lang=${values.lang}`);
await page.screenshot({ path: `${values.out}/console-sign-in.png` });
await page.getByLabel(/e-?mail/i).fill(values.email);
await page.getByLabel(/password|senha/i).fill(values.password);
await page.getByRole('button', { name: /sign in|entrar|accedi/i }).click();
await page.waitForURL(/\/console\/funnel/);
/** The top of a page, down to `height` pixels: long tables need not be in a picture. */
const shoot = (name: string, height = 1800) => page.screenshot({ path: `${values.out}/console-${name}.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
for (const name of ['funnel', 'gaps', 'articles', 'tickets']) {
  await page.goto(`${values.url}/console/${name}`);
  await shoot(name);
}
await page.locator('table').last().locator('tbody tr a').first().click();
await shoot('ticket');
await browser.close();
console.log(`[console screenshots] written to ${values.out}/console-*.png`);
