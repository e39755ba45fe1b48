import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Library mode: one self-contained ES module for the script tag (Lit and zod/mini bundled in).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: 'src/support-ticket.ts', formats: ['es'], fileName: () => 'support-ticket.js' },
    rolldownOptions: { output: { inlineDynamicImports: true } },
  },
  esbuild: { target: 'es2022' },
});
