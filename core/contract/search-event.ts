/**
 * Deflection analytics as `POST /api/events` receives them: what customers searched, what found
 * nothing, which article solved it, and the few steps of a widget session the console's funnel
 * counts. Sent by the widget and the KB's search page; no personal data (clients cut the query to
 * `limits.searchQuery.max`, the server scrubs secrets, addresses and numbers).
 */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { contentLanguages } from './locales.ts';
import { httpUrl } from '../validation/http-url.ts';

export const searchEventTypes = [
  'search', 'search-miss', 'deflected', 'deflection-undone', 'widget-opened', 'suggestion-opened', 'ticket-sent',
] as const;
export type SearchEventType = (typeof searchEventTypes)[number];

/** The events that say where a widget session got to; they carry no query. */
export const funnelEventTypes = ['widget-opened', 'suggestion-opened', 'ticket-sent'] as const satisfies readonly SearchEventType[];

export const searchEventSchema = z.object({
  /**
   * `search`: suggestions were shown; `search-miss`: nothing matched; `deflected`: an article solved
   * it; `deflection-undone`: the customer took that back ("No, I still need help"), so it counts once
   * net; `widget-opened`: a customer started using the widget; `suggestion-opened`: they opened a
   * suggested article; `ticket-sent`: the session ended in a ticket.
   */
  type: z.enum(searchEventTypes),
  /** What the customer typed; empty for the funnel events. */
  query: z.string().check(z.maxLength(limits.searchQuery.max)),
  /** The KB language searched. */
  lang: z.enum(contentLanguages),
  /** The article that solved it (`deflected`), no longer did (`deflection-undone`) or was opened: an http(s) URL. */
  article: z.optional(httpUrl(limits.articleUrl.max)),
  /**
   * A random id per widget session, so the funnel can follow one session from opening to a ticket;
   * never tied to a person, and never stored with a ticket. Absent for the KB's search page.
   */
  session: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/))),
});
export type SearchEvent = z.infer<typeof searchEventSchema>;
