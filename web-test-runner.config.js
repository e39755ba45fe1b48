// Component tests: widget/src/**/*.browser.test.ts in the system's real Chromium, headless.
// Run with `npx web-test-runner --config web-test-runner.config.js`.
import { readFile } from 'node:fs/promises';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { transform } from 'esbuild';
import { parse } from 'yaml';
import { deflectionFixtureFiles } from './test/fixtures/component-kb.ts';

// scripts/chromium.ts is the single place that finds Chromium. Node 22.18+ imports it directly;
// an older Node on PATH cannot load .ts, so the same lookup is repeated here for it.
const chromium = await import('./scripts/chromium.ts').catch(async () => {
  const { existsSync } = await import('node:fs');
  return {
    chromiumArgs: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    chromiumPath: () =>
      [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)),
    missingChromiumMessage: process.env.CHROMIUM_PATH
      ? `Chromium not found at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}: point CHROMIUM_PATH at a Chromium binary, or unset it and run: apt-get install -y chromium`
      : 'Chromium not found at /usr/bin/chromium: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).',
  };
});

const executablePath = chromium.chromiumPath();
if (!executablePath) {
  console.error(chromium.missingChromiumMessage);
  process.exit(1);
}

/**
 * Serves .ts as JavaScript. @web/test-runner 1.x no longer bundles @web/dev-server-esbuild, so this
 * calls esbuild (already installed for Vite and Astro) the same way. Lit's decorators need
 * experimentalDecorators and useDefineForClassFields: false, as in tsconfig.json.
 */
const typescript = {
  name: 'typescript',
  resolveMimeType(context) {
    if (context.path.endsWith('.ts')) return 'js';
  },
  async transform(context) {
    if (!context.path.endsWith('.ts')) return;
    const result = await transform(String(context.body), {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: 'inline',
      sourcefile: context.path,
      tsconfigRaw: {
        compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true },
      },
    });
    return { body: result.code };
  },
};

/**
 * The test server plays the knowledge base and hosts MSW's worker, so component tests need no other
 * server: `/support-config.json` is built from content/support.yaml on every request (never a stale
 * copy), `/deflection/{pt-br|it}/` is the deflection index of the articles in
 * test/fixtures/component-kb.ts, and `/mockServiceWorker.js` is MSW's worker, at the root so
 * that its scope covers the test pages.
 */
const deflectionFiles = deflectionFixtureFiles();
async function knowledgeBaseFixtures(context, next) {
  if (context.path === '/mockServiceWorker.js') {
    context.type = 'text/javascript';
    context.body = await readFile(new URL('node_modules/msw/lib/mockServiceWorker.js', import.meta.url));
    return;
  }
  if (context.path === '/support-config.json') {
    context.type = 'application/json';
    context.body = JSON.stringify(parse(await readFile(new URL('content/support.yaml', import.meta.url), 'utf8')));
    return;
  }
  if (context.path.startsWith('/deflection/')) {
    const file = deflectionFiles.get(context.path.slice('/deflection/'.length));
    if (file === undefined) {
      context.status = 404;
      return;
    }
    context.type = 'application/json';
    context.body = file;
    return;
  }
  return next();
}

export default {
  files: 'widget/src/**/*.browser.test.ts',
  // `browser`: packages with separate builds (MSW's @mswjs/interceptors) must give the browser one.
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [knowledgeBaseFixtures],
  plugins: [typescript],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, args: chromium.chromiumArgs, headless: true },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10_000 } },
};
