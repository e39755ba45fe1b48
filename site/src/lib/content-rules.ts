/**
 * Content rules the per-file front-matter schema cannot see: the folder matches the language, topics
 * exist in support.yaml, one article per translation key and language, no clash with a site page.
 */
import { languagePath } from '../../../core/contract/locales.ts';
import type { ArticleFrontMatter } from '../schemas/article.ts';
import { reservedSlugs } from '../i18n/routes.ts';

/** What the rules need of an article (a collection entry has all of it). */
export interface ArticleRef {
  id: string;
  filePath?: string;
  data: Pick<ArticleFrontMatter, 'language' | 'translationKey' | 'topics'>;
}

/** The address part of an article: its file name (ids include the language folder). */
export const slugOf = (article: Pick<ArticleRef, 'id'>) => article.id.split('/').at(-1) ?? article.id;

function where(article: ArticleRef): string {
  return article.filePath ?? article.id;
}

/** Problems that the per-file schema cannot catch, one sentence each. */
export function crossCheck(articles: readonly ArticleRef[], topicKeys: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, ArticleRef>();
  for (const article of articles) {
    const folder = article.id.split('/')[0];
    const { language, translationKey, topics } = article.data;
    if (folder !== languagePath[language]) {
      problems.push(`${where(article)}: language: expected "${folder === 'it' ? 'it' : 'pt-BR'}" for the ${folder}/ folder, found "${language}"`);
    }
    for (const topic of topics) {
      if (!topicKeys.has(topic)) {
        problems.push(`${where(article)}: topics: expected a topic key from support.yaml (${[...topicKeys].join(', ')}), found "${topic}"`);
      }
    }
    if (reservedSlugs.has(slugOf(article))) {
      problems.push(`${where(article)}: file name: "${slugOf(article)}" is the address of a site page; rename the file`);
    }
    const pairKey = `${language}:${translationKey}`;
    const twin = seen.get(pairKey);
    if (twin) {
      problems.push(`${where(article)}: translationKey: expected one ${language} article per key, found "${translationKey}" also in ${where(twin)}`);
    }
    seen.set(pairKey, article);
  }
  return problems;
}

