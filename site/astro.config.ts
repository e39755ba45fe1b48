import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { AstroIntegration, AstroUserConfig } from 'astro';
import { pagefindPerLanguage } from './src/integrations/pagefind-per-language.ts';
import { deflectionIndex } from './src/integrations/deflection-index.ts';
import { widgetBundle } from './src/integrations/widget-bundle.ts';

// Content is read from CONTENT_DIR (default content/), relative to the repository root.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
process.env.CONTENT_DIR = path.resolve(repoRoot, process.env.CONTENT_DIR ?? 'content');

// Where the KB is published; canonical URLs, hreflang alternates and the sitemap use it.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

// The islands' backend when it is not the KB's own origin (see src/lib/api.ts): the CSP must let them reach it.
const apiOrigin = process.env.SUPPORT_API_URL ? new URL(process.env.SUPPORT_API_URL).origin : undefined;

/**
 * The strict policy every page carries in a <meta> (static hosts send no headers of ours); Astro adds
 * the hashes of each page's own scripts and styles to script-src and style-src. frame-ancestors
 * cannot be set from a <meta>: the reference server sends it as a header (server/src/app.ts).
 */
const csp = {
  directives: [
    "default-src 'self'",
    // Votes, search events, the widget's tickets, config and search index.
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    // The favicon is data:, attachment previews in the widget are blob:.
    "img-src 'self' data: blob:",
    // Pagefind searches in a worker of its own.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ],
  // Pagefind's search runs as WebAssembly; the widget and the islands are files from this origin.
  // (style-src keeps Astro's default: 'self' and the hashes of the page's own styles.)
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
} satisfies NonNullable<AstroUserConfig['security']>['csp'];

/** Text worth compressing ahead of time (Pagefind's index and fragments are compressed already). */
const compressible = /\.(html|js|mjs|css|json|svg|xml|txt|map)$/;

/**
 * Writes x.br and x.gz beside each text file once the build is done (last, after the Pagefind index
 * and the widget bundle): the reference server sends them as they are instead of compressing on
 * every request, and nginx (gzip_static/brotli_static) or a CDN can do the same.
 */
function precompress(): AstroIntegration {
  return {
    name: 'support-kit:precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let count = 0;
        const walk = (folder: string): void => {
          for (const name of readdirSync(folder)) {
            const file = path.join(folder, name);
            if (statSync(file).isDirectory()) walk(file);
            else if (compressible.test(name) && statSync(file).size > 1024) {
              const data = readFileSync(file);
              writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }));
              writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
              count++;
            }
          }
        };
        walk(fileURLToPath(dir));
        logger.info(`${count} files precompressed (.br, .gz)`);
      },
    },
  };
}

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Tests and benchmarks build other content elsewhere, leaving site/dist and its cache alone.
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  ...(process.env.SITE_CACHE_DIR ? { cacheDir: process.env.SITE_CACHE_DIR } : {}),
  build: { format: 'directory', inlineStylesheets: 'always' },
  security: { csp },
  // Class-based highlighting: Shiki writes style="color:…" on every token, which a strict CSP refuses
  // (style-src without 'unsafe-inline'); the token colours are in src/layouts/Base.astro.
  markdown: { syntaxHighlight: 'prism' },
  server: { port: 4321, host: 'localhost' },
  integrations: [
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'pt-br', locales: { 'pt-br': 'pt-BR', it: 'it' } },
      filter: (page) => !/\/(404|ticket|incorporar|integrare)\/?$/.test(page),
    }),
    pagefindPerLanguage(),
    deflectionIndex(),
    widgetBundle(),
    // Last: it compresses what the others wrote.
    precompress(),
  ],
  vite: {
    build: {
      assetsInlineLimit: 0,
      rolldownOptions: {
        // Astro's own MDX directive ("use astro:head-inject") trips a bundler notice on every
        // article: noise that hides real warnings. Everything else still shows.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
    server: { fs: { allow: ['..'] } },
  },
});
