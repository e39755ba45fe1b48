/**
 * What to search while the customer describes the problem. Pagefind matches pages that contain
 * every word of a query, so a whole sentence ("e-mail devolvido com erro 550 para clientes")
 * finds little: drop words that say nothing, then fall back to the strongest words one by one.
 */
import { limits } from '../contract/limits.ts';
import { fold, stopWords } from '../validation/words.ts';

const tokens = (text: string) => text.match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? [];

/** Meaningful words of a text, as written (accents kept: the index has them), in order, once each. */
export function keywords(text: string): string[] {
  const seen = new Set<string>();
  return tokens(text).filter((word) => {
    const folded = fold(word);
    if (stopWords.has(folded) || (folded.length < 3 && !/\d/.test(folded)) || seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

/**
 * Queries in the order to try them: the subject's keywords, the first line of the description
 * (where a pasted error usually is), then the subject's most specific single words (numbers such
 * as error codes first, then the longest words).
 */
export function deflectionQueries(subject: string, description: string, max = 5): string[] {
  const fromSubject = keywords(subject).slice(0, 8);
  const firstLine = keywords(description.trim().split('\n')[0] ?? '').slice(0, 8);
  const singles = [...new Set([...fromSubject, ...firstLine])]
    .sort((a, b) => Number(/\d/.test(b)) - Number(/\d/.test(a)) || b.length - a.length)
    .slice(0, 3);
  const queries = [fromSubject.join(' '), firstLine.join(' '), ...singles].filter((q) => q.length >= 3);
  return [...new Set(queries)].slice(0, max);
}

/**
 * What is kept of a query sent as an event: no e-mail address, URL or long number (phone, card,
 * customer or order number), whitespace squeezed, at most `limits.searchQuery.max` characters.
 */
export function scrubQuery(query: string): string {
  return query
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]')
    .replace(/[^\s@]+@[^\s@]+/g, '[e-mail]')
    // Eight digits or more (phone, card, document, order): error codes such as "550 5.1.1" stay.
    .replace(/\d(?:[ ./-]?\d){7,}/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, limits.searchQuery.max);
}
