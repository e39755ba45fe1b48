import { readFileSync } from 'node:fs';
import { defineConfig, mergeConfig } from 'vite';
import { widgetSources } from './vite.config.ts';

// The npm package's entry: the same sources, plugins and target as the script-tag build, except that
// the package's peer and regular dependencies (lit, zod) stay imports, so an app that already uses Lit
// or zod ships one copy of each, and the form behind the first step stays a plain dynamic import,
// which the app's bundler splits as it likes (no integrity to pin: the app serves its own files). Not minified: the app's bundler minifies, and stack traces in the
// app's development build stay readable without shipping source maps.
const manifest = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
const isDependency = (id: string): boolean => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

export default mergeConfig(
  widgetSources,
  defineConfig({
    build: {
      outDir: 'dist/package',
      // Its own folder, emptied each build, so declarations of deleted modules do not linger.
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      lib: { fileName: () => 'support-ticket.js' },
      rolldownOptions: { external: isDependency, output: { minify: false, comments: false } },
    },
  }),
);
