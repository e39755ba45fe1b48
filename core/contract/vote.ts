/** "Was this helpful?": the vote the KB's article pages post to `POST /api/votes`, and the counts they read back. */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { contentLanguages } from './locales.ts';

export const voteSchema = z.object({
  /** The article's `translationKey`: one id for both languages of an article. */
  articleId: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), z.maxLength(limits.articleId.max)),
  /** The language of the page voted on. */
  lang: z.enum(contentLanguages),
  helpful: z.boolean(),
  /** A random id this browser keeps, so a changed vote replaces the earlier one. */
  voterId: z.string().check(z.minLength(limits.voterId.min), z.maxLength(limits.voterId.max)),
  /** What was missing, offered after a "no". */
  comment: z.optional(z.string().check(z.maxLength(limits.voteComment.max))),
});
export type Vote = z.infer<typeof voteSchema>;

/** `GET /api/votes/:articleId?lang=`: how many voted, and how many found it helpful. */
export const voteCountsSchema = z.object({ helpful: z.int().check(z.gte(0)), total: z.int().check(z.gte(0)) });
export type VoteCounts = z.infer<typeof voteCountsSchema>;
