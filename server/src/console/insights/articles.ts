/**
 * Article health: for each published article and language, what the widget's events say (opened
 * from a suggestion, solved it, a ticket sent after reading it), what readers voted, and whether
 * it is stale or lacks its translation. The events name article pages by URL; the KB's article list
 * (site/dist/articles.json) maps each page's path to its translation key.
 */
import { contentLanguages, type ContentLanguage } from '../../../../core/contract/locales.ts';
import { scrubPatterns } from '../../../../core/search/scrub.ts';
import type { ArticleActivity, ArticleVotes, NotHelpfulComment } from '../../store/console-store.ts';
import type { CatalogArticle } from '../../published-articles.ts';
import { daysBetween } from './days.ts';

export interface ArticleHealth {
  translationKey: string;
  lang: ContentLanguage;
  /** The title, or the translation key when the KB's list predates titles. */
  title: string;
  path?: string;
  updated?: string;
  /** Days since `updated`, when known. */
  ageDays?: number;
  stale: boolean;
  opened: number;
  solved: number;
  ticketsAfter: number;
  votes: number;
  helpful: number;
  /** helpful ÷ votes; null without votes. */
  helpfulShare: number | null;
  notHelpfulComments: number;
}

export interface MissingTranslation {
  translationKey: string;
  title: string;
  has: ContentLanguage;
  missing: ContentLanguage;
}

export interface ArticleReport {
  articles: ArticleHealth[];
  missingTranslations: MissingTranslation[];
  stale: ArticleHealth[];
  /** Article pages the events name that the KB's list does not (moved or removed articles, another KB). */
  unknownPages: ArticleActivity[];
}

const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

export function articleReport(input: {
  catalog: readonly CatalogArticle[];
  activity: readonly ArticleActivity[];
  votes: readonly ArticleVotes[];
  comments: readonly NotHelpfulComment[];
  today: string;
  staleDays: number;
}): ArticleReport {
  const byPath = new Map(input.catalog.filter((a) => a.path).map((a) => [a.path, a]));
  const activity = new Map<string, { opened: number; solved: number; ticketsAfter: number }>();
  const unknownPages: ArticleActivity[] = [];
  for (const page of input.activity) {
    const article = byPath.get(pathOf(page.article));
    if (!article) {
      unknownPages.push(page);
      continue;
    }
    // The same page reached through two KB origins (a staging copy) adds up.
    const key = `${article.translationKey} ${article.lang}`;
    const sum = activity.get(key) ?? { opened: 0, solved: 0, ticketsAfter: 0 };
    activity.set(key, { opened: sum.opened + page.opened, solved: sum.solved + page.solved, ticketsAfter: sum.ticketsAfter + page.ticketsAfter });
  }
  const votes = new Map(input.votes.map((v) => [`${v.articleId} ${v.lang}`, v]));
  const comments = new Map<string, number>();
  for (const c of input.comments) comments.set(`${c.articleId} ${c.lang}`, (comments.get(`${c.articleId} ${c.lang}`) ?? 0) + 1);

  const articles = input.catalog.map((a): ArticleHealth => {
    const key = `${a.translationKey} ${a.lang}`;
    const counts = activity.get(key) ?? { opened: 0, solved: 0, ticketsAfter: 0 };
    const vote = votes.get(key);
    const ageDays = a.updated ? daysBetween(a.updated, input.today) : undefined;
    return {
      translationKey: a.translationKey,
      lang: a.lang,
      title: a.title ?? a.translationKey,
      ...(a.path ? { path: a.path } : {}),
      ...(a.updated ? { updated: a.updated } : {}),
      ...(ageDays !== undefined ? { ageDays } : {}),
      stale: ageDays !== undefined && ageDays > input.staleDays,
      ...counts,
      votes: vote?.total ?? 0,
      helpful: vote?.helpful ?? 0,
      helpfulShare: vote?.total ? vote.helpful / vote.total : null,
      notHelpfulComments: comments.get(key) ?? 0,
    };
  });
  articles.sort((a, b) => a.title.localeCompare(b.title) || a.lang.localeCompare(b.lang));

  const languagesOf = new Map<string, { langs: Set<ContentLanguage>; title: string }>();
  for (const a of input.catalog) {
    const entry = languagesOf.get(a.translationKey) ?? { langs: new Set(), title: a.title ?? a.translationKey };
    entry.langs.add(a.lang);
    languagesOf.set(a.translationKey, entry);
  }
  const missingTranslations: MissingTranslation[] = [];
  for (const [translationKey, { langs, title }] of languagesOf) {
    const [has] = [...langs];
    if (!has) continue;
    for (const missing of contentLanguages) if (!langs.has(missing)) missingTranslations.push({ translationKey, title, has, missing });
  }
  missingTranslations.sort((a, b) => a.title.localeCompare(b.title));

  return {
    articles,
    missingTranslations,
    stale: articles.filter((a) => a.stale).sort((a, b) => (b.ageDays ?? 0) - (a.ageDays ?? 0)),
    unknownPages,
  };
}

/**
 * A reader's comment as the console shows it: secrets were removed when it was received (with
 * core's patterns and secretlint); here e-mail addresses, links, random-looking runs and long
 * numbers become markers too ("[e-mail]"), with the search pipeline's own patterns.
 */
export function redactedComment(comment: string): string {
  return scrubPatterns(comment, (kind) => ` [${kind}] `)
    .replace(/\s+/g, ' ')
    .trim();
}
