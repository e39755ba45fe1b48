import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { pagefindPerLanguage } from './src/integrations/pagefind-per-language.ts';
import { widgetBundle } from './src/integrations/widget-bundle.ts';

// Content is read from CONTENT_DIR (default content/), relative to the repository root.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
process.env.CONTENT_DIR = path.resolve(repoRoot, process.env.CONTENT_DIR ?? 'content');

// Where the KB is published; canonical URLs, hreflang alternates and the sitemap use it.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Tests and benchmarks build other content elsewhere, leaving site/dist and its cache alone.
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  ...(process.env.SITE_CACHE_DIR ? { cacheDir: process.env.SITE_CACHE_DIR } : {}),
  build: { format: 'directory', inlineStylesheets: 'always' },
  server: { port: 4321, host: 'localhost' },
  integrations: [
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'pt-br', locales: { 'pt-br': 'pt-BR', it: 'it' } },
      filter: (page) => !/\/(404|ticket|incorporar|integrare)\/?$/.test(page),
    }),
    pagefindPerLanguage(),
    widgetBundle(),
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
