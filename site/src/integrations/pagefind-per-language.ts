/**
 * Builds one Pagefind bundle per language (`dist/pagefind/pt-br/`, `dist/pagefind/it/`), each with
 * the language's search vocabulary beside it (`search-vocabulary.json`: the editors' synonyms and
 * the search's stop words): the widget on another origin loads it from the same folder, with the
 * same cross-origin access and caching.
 * One bundle per language, not Pagefind's multilingual default: its browser API picks the index
 * from the host page's `<html lang>`, and the widget runs on other companies' pages.
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { contentLanguages, languagePath, type ContentLanguage } from '../../../core/contract/locales.ts';
import type { SearchVocabulary } from '../../../core/contract/search-vocabulary.ts';
import { loadSearchVocabulary } from '../../../core/node/load-search-vocabulary.ts';
import { publishVocabulary } from '../../../core/search/deflection-build.ts';
import { vocabularyFileName } from '../../../core/search/pagefind.ts';

export function pagefindPerLanguage(): AstroIntegration {
  let vocabularies: Record<ContentLanguage, SearchVocabulary> | undefined;
  return {
    name: 'support-kit:pagefind-per-language',
    hooks: {
      // Read and checked before any page is built: a malformed synonyms file stops the build at once.
      'astro:build:start': () => {
        vocabularies = Object.fromEntries(contentLanguages.map((language) => [language, loadSearchVocabulary(language)])) as Record<ContentLanguage, SearchVocabulary>;
      },
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
            const vocabulary = vocabularies?.[language] ?? loadSearchVocabulary(language);
            writeFileSync(path.join(outputPath, vocabularyFileName), JSON.stringify(publishVocabulary(vocabulary)));
            logger.info(`${language}: ${added.page_count} pages indexed into ${path.relative(process.cwd(), outputPath)}, ${vocabulary.groups.length} synonym groups`);
          }
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
