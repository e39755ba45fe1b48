/**
 * Finds the PHP that runs the WHMCS snippets we ship (the hook of docs/helpdesks/whmcs.md and the
 * customer-token hook of the README) in their tests: `PHP_PATH`, else Debian's /usr/bin/php, with
 * the curl extension every WHMCS server has. Like the browser, a missing one is a set-up step, said
 * in one line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const install = 'apt-get install -y php-cli php-curl';

/** The PHP binary with curl, or why there is none. */
export function findPhp(): { path: string } | { missing: string } {
  const path = [process.env.PHP_PATH, '/usr/bin/php'].find((p): p is string => Boolean(p && existsSync(p)));
  if (!path) {
    return { missing: process.env.PHP_PATH ? `PHP not found at PHP_PATH=${process.env.PHP_PATH}: point it at a PHP 8 CLI, or unset it and run: ${install}` : `PHP not found at /usr/bin/php (the WHMCS hook tests run the PHP we ship): ${install} (or set PHP_PATH)` };
  }
  try {
    execFileSync(path, ['-r', 'exit(function_exists("curl_init") ? 0 : 1);'], { stdio: 'ignore' });
  } catch {
    return { missing: `PHP at ${path} has no curl extension, which the WHMCS hook uses: ${install}` };
  }
  return { path };
}

// `node scripts/php.ts` is one of the checks `npm test` runs first.
if (import.meta.main) {
  const php = findPhp();
  if ('missing' in php) {
    console.error(php.missing);
    process.exit(1);
  }
}
