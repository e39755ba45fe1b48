/**
 * What the widget searches while the customer describes the problem, and what is kept of a query
 * sent as an event. Scrubbing comes first: no secret, address or long number is ever searched or
 * reported. The searching itself is core/search/plan.ts's pipeline.
 */
import { limits } from '../contract/limits.ts';
import { findSecrets } from '../validation/secrets.ts';
import { planSearch } from './plan.ts';
import { scrubPatterns, type Scrubbed } from './scrub.ts';

/** `text` with every secret, URL, e-mail address and long number replaced by `mark(kind)`. */
function scrub(text: string, mark: (kind: Scrubbed) => string): string {
  let out = '';
  let from = 0;
  for (const range of findSecrets(text)) {
    // A card number reads as the long number it is, as it did before secrets were looked for.
    out += text.slice(from, range.start) + mark(range.kind === 'card' ? 'number' : 'secret');
    from = range.end;
  }
  return scrubPatterns(out + text.slice(from), mark);
}

/**
 * What the widget searches for a ticket: the subject, then the description's first line (where a
 * pasted error usually is), as typed but scrubbed; a text without one word worth searching is left out.
 * Stop words stay: `planSearch` needs them to match a pasted error or a symptom word for word. The
 * first is what a search event reports.
 */
export function deflectionQueries(subject: string, description: string, max = 2): string[] {
  const texts = [subject, description.trim().split('\n')[0] ?? ''].map((text) => scrub(text, () => ' ').replace(/\s+/g, ' ').trim().slice(0, limits.searchQuery.max));
  return [...new Set(texts.filter((text) => planSearch(text).terms.length > 0))].slice(0, max);
}

/**
 * What is kept of a query sent as an event: no secret (password, key, token, card), e-mail address,
 * URL or long number (phone, customer or order number), each replaced by a marker such as
 * `[e-mail]`; whitespace squeezed; at most `limits.searchQuery.max` characters.
 */
export function scrubQuery(query: string): string {
  return scrub(query, (kind) => ` [${kind}] `)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, limits.searchQuery.max);
}
