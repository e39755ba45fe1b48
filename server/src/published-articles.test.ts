import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArticleCatalog, loadPublishedArticles } from './published-articles.ts';

const built = existsSync('site/dist/articles.json');

describe('the article list the site build publishes', () => {
  it.runIf(built)('names every article of the content folder in its language, so votes for each of them are accepted', () => {
    const log: string[] = [];
    const published = loadPublishedArticles('site/dist', (line) => log.push(line));
    const articles = (folder: string) => readdirSync(`content/${folder}`, { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f));

    expect(log).toEqual([]);
    expect([...(published?.values() ?? [])].reduce((n, langs) => n + langs.size, 0)).toBe(articles('pt-br').length + articles('it').length);
    expect(published?.get('reset-password')).toEqual(new Set(['pt-BR', 'it']));
  });
});

describe('what the staff console reads from the list', () => {
  it.runIf(built)('gives every article its title, its page (a page the build wrote) and the day it was last updated', () => {
    const catalog = loadArticleCatalog('site/dist', () => {});
    expect(catalog?.length).toBeGreaterThan(0);
    for (const article of catalog ?? []) {
      expect(article.title, article.translationKey).toBeTruthy();
      expect(article.updated, article.translationKey).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(existsSync(`site/dist${article.path ?? '/missing/'}index.html`), article.path).toBe(true);
    }
  });
});
