import path from 'node:path';

/**
 * The folder editors write in. `CONTENT_DIR` lets tests and benchmarks build the site from other
 * content without touching `content/`. Relative paths are resolved from the working directory
 * (the repository root under `npm run`); astro.config.ts makes it absolute before anything bundles.
 */
export function contentDir(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content');
}
