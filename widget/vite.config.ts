import { defineConfig, mergeConfig, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';
import { chunkIntegrity } from './scripts/chunk-integrity.ts';

// Lit's html`` and css`` templates keep their source whitespace; squeezing it is several KB of the budget.
const minifyLitTemplates = {
  name: 'support-kit:minify-lit-templates',
  async transform(code: string, id: string) {
    if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
  },
};

/** What the script-tag build and the npm package build share: the sources, plugins and target. */
export const widgetSources: UserConfig = {
  plugins: [minifyLitTemplates],
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    target: 'es2022',
    lib: { entry: 'src/support-ticket.ts', formats: ['es'], fileName: () => 'support-ticket.js' },
  },
  esbuild: { target: 'es2022' },
};

/** Lazy chunks sit next to the entry, named after it and their content (cached for good). */
const chunkPrefix = 'support-ticket-';

// The script tag: an entry with Lit, the element and the first step (Lit and zod/mini bundled in),
// and the rest of the form as chunks it loads on the first interaction, each pinned by a sha384
// hash the entry carries (scripts/chunk-integrity.ts).
export default mergeConfig(
  widgetSources,
  defineConfig({
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      sourcemap: true,
      rolldownOptions: {
        // What the entry and a chunk share stays in the entry, which the page has already loaded
        // (the entry gains exports for its chunks), instead of a shared chunk no hash would pin.
        preserveEntrySignatures: 'allow-extension',
        plugins: [chunkIntegrity({ chunkPrefix })],
        // Vite keeps whitespace in ES library builds; this bundle is a script tag, so minify it fully.
        // Comments too: `/* @__PURE__ */` markers only help a bundler, and nothing bundles these files again.
        output: { minify: true, comments: false, chunkFileNames: `${chunkPrefix}[name]-[hash].js` },
      },
    },
  }),
);
