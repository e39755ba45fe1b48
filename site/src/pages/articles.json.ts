/**
 * The published articles as `[{ translationKey, lang, title, path, updated }]`: the server reads this
 * file from SITE_DIR at start, refuses votes for articles that are not in it, and the staff console
 * names articles, matches their pages and finds stale ones with it (server/src/published-articles.ts).
 */
import { publishedArticles } from '../lib/articles.ts';

export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(await publishedArticles()), { headers: { 'Content-Type': 'application/json' } });
}
