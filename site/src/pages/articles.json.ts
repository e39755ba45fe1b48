/**
 * The published articles as `[{ translationKey, lang }]`: the server reads this file from SITE_DIR
 * at start and refuses votes for articles that are not in it (server/src/published-articles.ts).
 */
import { publishedArticles } from '../lib/articles.ts';

export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(await publishedArticles()), { headers: { 'Content-Type': 'application/json' } });
}
