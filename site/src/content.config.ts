import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { articleSchema } from './schemas/article.ts';
import { describeIssue } from '../../core/node/describe-issue.ts';
import { contentDir } from '../../core/node/content-dir.ts';

// Astro prints zod's messages next to the file and field; make each one say what was expected
// and what was found, so an editor can fix the front matter without reading the schema.
z.config({ customError: (issue) => describeIssue(issue, issue.input) });

export const collections = {
  articles: defineCollection({
    loader: glob({ base: contentDir(), pattern: '{pt-br,it}/**/*.{md,mdx}' }),
    schema: articleSchema,
  }),
};
