/**
 * The article collection as the pages use it: checked once for the rules the front-matter schema
 * cannot see (folder vs language, pairs, topics from support.yaml, reserved slugs).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { languagePath, type ContentLanguage } from '../../../widget/src/contract/locales.ts';
import { crossCheck } from './content-rules.ts';
import { loadSupportConfig } from './load-support-config.ts';

export type Article = CollectionEntry<'articles'>;

export function slugOf(article: Article): string {
  return article.id.split('/').at(-1) ?? article.id;
}

export function articleUrl(article: Article): string {
  return `/${languagePath[article.data.language]}/${slugOf(article)}/`;
}

let checked: Promise<Article[]> | undefined;

/** All articles, newest first; throws (failing the build) when the content breaks a rule. */
export function allArticles(): Promise<Article[]> {
  checked ??= getCollection('articles').then((articles) => {
    const config = loadSupportConfig();
    const topicKeys = new Set(config.departments.flatMap((d) => d.topics.map((t) => t.key)));
    const problems = crossCheck(articles, topicKeys);
    if (problems.length) throw new Error(`Content problems:\n  - ${problems.join('\n  - ')}`);
    return articles.sort((a, b) => b.data.updated.getTime() - a.data.updated.getTime() || a.data.title.localeCompare(b.data.title));
  });
  return checked;
}

export async function articlesIn(lang: ContentLanguage): Promise<Article[]> {
  return (await allArticles()).filter((a) => a.data.language === lang);
}

/** The same article in another language, if it was translated. */
export function translationOf(article: Article, lang: ContentLanguage, all: readonly Article[]): Article | undefined {
  return all.find((a) => a.data.language === lang && a.data.translationKey === article.data.translationKey);
}

/** Articles of the same language that share topics (first) or the department. */
export function relatedTo(article: Article, all: readonly Article[], limit = 4): Article[] {
  const topics = new Set(article.data.topics);
  return all
    .filter((a) => a.data.language === article.data.language && a.id !== article.id)
    .map((a) => ({
      a,
      score: a.data.topics.filter((t) => topics.has(t)).length * 2 + (a.data.department === article.data.department ? 1 : 0),
    }))
    .filter(({ score }) => score > 0)
    .sort((x, y) => y.score - x.score || x.a.data.title.localeCompare(y.a.data.title))
    .slice(0, limit)
    .map(({ a }) => a);
}
