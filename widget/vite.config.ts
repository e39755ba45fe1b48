import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';

// Library mode: one self-contained ES module for the script tag (Lit and zod/mini bundled in).
// Lit's html`` and css`` templates keep their source whitespace; squeezing it is several KB of the budget.
const minifyLitTemplates = {
  name: 'support-kit:minify-lit-templates',
  async transform(code: string, id: string) {
    if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
  },
};

export default defineConfig({
  plugins: [minifyLitTemplates],
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: 'src/support-ticket.ts', formats: ['es'], fileName: () => 'support-ticket.js' },
    // Vite keeps whitespace in ES library builds; this bundle is a script tag, so minify it fully.
    // Comments too: `/* @__PURE__ */` markers only help a bundler, and nothing bundles this file again.
    rolldownOptions: { output: { codeSplitting: false, minify: true, comments: false } },
  },
  esbuild: { target: 'es2022' },
});
