/**
 * What no search ever looks up and no search event ever carries: links, e-mail addresses (also
 * split at "@" already), random-looking runs (keys, tokens) and long numbers (phones, cards, orders).
 * Labelled secrets ("senha: ...") are core/validation/secrets.ts's, which `scrubQuery` adds.
 */

export type Scrubbed = 'secret' | 'url' | 'e-mail' | 'number';

/**
 * What must never leave the customer's screen in a query, in the order it is looked for. Labelled
 * secrets are looked for before these (core/search/query.ts): a password is found by its label
 * ("senha: ..."), which these would break up.
 */
export const scrubRules: readonly (readonly [RegExp, Scrubbed])[] = [
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

/** `text` with every URL, e-mail address, random-looking run and long number replaced by `mark(kind)`. */
export function scrubPatterns(text: string, mark: (kind: Scrubbed) => string): string {
  let out = text;
  for (const [pattern, kind] of scrubRules) out = out.replace(pattern, () => mark(kind));
  return out;
}
