/**
 * Builds one Pagefind bundle per language (`dist/pagefind/pt-br/`, `dist/pagefind/it/`).
 * One bundle per language, not Pagefind's multilingual default: its browser API picks the index
 * from the host page's `<html lang>`, and the widget runs on other companies' pages.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { contentLanguages, languagePath } from '../../../core/contract/locales.ts';

export function pagefindPerLanguage(): AstroIntegration {
  return {
    name: 'support-kit:pagefind-per-language',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          for (const language of contentLanguages) {
            const segment = languagePath[language];
            const { index, errors } = await pagefind.createIndex({ forceLanguage: segment });
            if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
            const added = await index.addDirectory({ path: outDir, glob: `${segment}/**/*.html` });
            if (added.errors.length) throw new Error(added.errors.join('; '));
            const outputPath = path.join(outDir, 'pagefind', segment);
            const written = await index.writeFiles({ outputPath });
            if (written.errors.length) throw new Error(written.errors.join('; '));
            logger.info(`${language}: ${added.page_count} pages indexed into ${path.relative(process.cwd(), outputPath)}`);
          }
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
