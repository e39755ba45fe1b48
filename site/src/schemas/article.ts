/**
 * Front matter of a knowledge-base article (`content/{pt-br,it}/*.mdx`). One schema, used by the
 * content collection (the build fails on a bad file) and by the unit tests.
 */
import { z } from 'zod';
import { contentLanguages } from '../../../core/contract/locales.ts';
import { departmentKeys } from '../../../core/contract/support-keys.ts';

const slugLike = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const articleSchema = z.object({
  /** Shown as the page heading and in search results; 8 to 90 characters. */
  title: z.string().trim().min(8).max(90),
  /** One or two sentences for search results and the meta description. */
  description: z.string().trim().min(30).max(220),
  /** The language the article is written in; must match its folder. */
  language: z.enum(contentLanguages),
  /** Same value in the pt-BR and Italian versions of one article: pairs translations, identifies votes. */
  translationKey: z.string().regex(slugLike, 'a lowercase key like "email-client-setup"'),
  /** policy: how support works; howto: steps that solve a problem. */
  kind: z.enum(['policy', 'howto']),
  department: z.enum(departmentKeys),
  /** Topic keys from `content/support.yaml` (related articles and filters use them). */
  topics: z.array(z.string().regex(slugLike, 'a lowercase topic key')).min(1),
  /** Exact error messages the article solves, as customers paste them; they make pasted errors findable. */
  errors: z.array(z.string().trim().min(3)).default([]),
  /**
   * How customers describe the problem in their own words ("site fora do ar", "não abre", "caiu"):
   * searched with a high weight, never shown as body text. Short phrases, 3 to 80 characters.
   */
  symptoms: z.array(z.string().trim().min(3).max(80)).max(30).default([]),
  /** Date of the last real change, YYYY-MM-DD. */
  updated: z.coerce.date(),
  /** Place on the home page's "most helpful" list (1 first); absent: not listed. */
  featured: z.number().int().positive().optional(),
});

export type ArticleFrontMatter = z.infer<typeof articleSchema>;
