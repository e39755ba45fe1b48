/**
 * Finds the Chromium the browser tests drive: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium.
 * No test tool may download a browser here, so a missing one is a set-up step, said in one line.
 */
import { existsSync } from 'node:fs';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

export const missingChromiumMessage = process.env.CHROMIUM_PATH
  ? `Chromium not found at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}: point CHROMIUM_PATH at a Chromium binary, or unset it and run: apt-get install -y chromium`
  : 'Chromium not found at /usr/bin/chromium: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).';

// `node scripts/chromium.ts` is the check `npm test` runs first.
if (import.meta.main) {
  if (!chromiumPath()) {
    console.error(missingChromiumMessage);
    process.exit(1);
  }
}
