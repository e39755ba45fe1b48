import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AstroUserConfig } from 'astro';
import { pagefindPerLanguage } from './src/integrations/pagefind-per-language.ts';
import { deflectionIndex } from './src/integrations/deflection-index.ts';
import { widgetBundle } from './src/integrations/widget-bundle.ts';
import { precompress } from './src/integrations/precompress.ts';

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
        // Articles bundled into chunks of about 4 MB, not one chunk each: on a 10,000-article KB the
        // per-chunk work (bundler output, Astro's chunk hooks, then importing 10,000 modules to render
        // them) took the bundling from 40 s to 76 s and 10 s of the render. Same pages, byte for byte.
        output: { codeSplitting: { groups: [{ name: 'articles', test: /\.mdx/, maxSize: 4 * 1024 * 1024 }] } },
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
