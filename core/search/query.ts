/**
 * What to search while the customer describes the problem. Pagefind matches pages that contain
 * every word of a query, so a whole sentence ("e-mail devolvido com erro 550 para clientes")
 * finds little: drop words that say nothing, then fall back to the strongest words one by one.
 */
import { limits } from '../contract/limits.ts';
import { findSecrets } from '../validation/secrets.ts';
import { fold, stopWords } from '../validation/words.ts';

const tokens = (text: string) => text.match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? [];

type Scrubbed = 'secret' | 'url' | 'e-mail' | 'number';

/**
 * What must never leave the customer's screen in a query, in the order it is looked for. Secrets
 * come first: a password is found by its label ("senha: ..."), which the later steps would break up.
 */
const scrubRules: readonly (readonly [RegExp, Scrubbed])[] = [
  [/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, 'url'],
  [/[^\s@]+@[^\s@]+/g, 'e-mail'],
  // An address a tokenizer already split at "@" ("ana.souza gmail.com"): a dotted name, then a domain.
  [/(?<![\p{L}\p{N}._+-])\p{L}[\p{L}\p{N}]*(?:[._+-][\p{L}\p{N}]+)*[._+][\p{L}\p{N}]+\s+(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}.-])/gu, 'e-mail'],
  // Random-looking runs no named pattern knows (or cut short by the length limit): letters and
  // digits, mixed case or 32 long. Error names such as ERR_CONNECTION_REFUSED stay.
  [/(?<![\p{L}\p{N}_+/=])(?=[A-Za-z0-9_+/=]*\d)(?=[A-Za-z0-9_+/=]*[A-Za-z])(?:(?=[A-Za-z0-9_+/=]*[a-z])(?=[A-Za-z0-9_+/=]*[A-Z])[A-Za-z0-9_+/=]{20,}|[A-Za-z0-9_+/=]{32,})(?![\p{L}\p{N}_+/=])/gu, 'secret'],
  // Eight digits or more (phone, card, document, order): error codes such as "550 5.1.1" stay.
  [/\d(?:[ ./-]?\d){7,}/g, 'number'],
];

/** `text` with every secret, URL, e-mail address and long number replaced by `mark(kind)`. */
function scrub(text: string, mark: (kind: Scrubbed) => string): string {
  let out = '';
  let from = 0;
  for (const range of findSecrets(text)) {
    // A card number reads as the long number it is, as it did before secrets were looked for.
    out += text.slice(from, range.start) + mark(range.kind === 'card' ? 'number' : 'secret');
    from = range.end;
  }
  out += text.slice(from);
  for (const [pattern, kind] of scrubRules) out = out.replace(pattern, () => mark(kind));
  return out;
}

/**
 * Meaningful words of a text, as written (accents kept: the index has them), in order, once each.
 * Secrets, addresses, links and long numbers are dropped before the text is split into words: split
 * first, "ana.souza@gmail.com" became the words "ana.souza gmail.com", which no scrubber recognises.
 */
export function keywords(text: string): string[] {
  const seen = new Set<string>();
  return tokens(scrub(text, () => ' ')).filter((word) => {
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
