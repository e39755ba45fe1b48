/**
 * Deflection analytics as `POST /api/events` receives them: what customers searched, what found
 * nothing, which article solved it. Sent by the widget and the KB's search page; no personal data
 * (clients cut the query to `limits.searchQuery.max`, the server scrubs addresses and numbers).
 */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { contentLanguages } from './locales.ts';
import { httpUrl } from '../validation/http-url.ts';

export const searchEventTypes = ['search', 'search-miss', 'deflected', 'deflection-undone'] as const;
export type SearchEventType = (typeof searchEventTypes)[number];

export const searchEventSchema = z.object({
  /**
   * `search`: suggestions were shown; `search-miss`: nothing matched; `deflected`: an article solved
   * it; `deflection-undone`: the customer took that back ("No, I still need help"), so it counts once net.
   */
  type: z.enum(searchEventTypes),
  /** What the customer typed. */
  query: z.string().check(z.maxLength(limits.searchQuery.max)),
  /** The KB language searched. */
  lang: z.enum(contentLanguages),
  /** The article that solved it (`deflected`) or no longer did (`deflection-undone`): an http(s) URL. */
  article: z.optional(httpUrl(limits.articleUrl.max)),
});
export type SearchEvent = z.infer<typeof searchEventSchema>;
