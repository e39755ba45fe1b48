/**
 * The query pipeline the widget and the search page share (core/search/pagefind.ts runs it): words
 * normalized as Pagefind indexes them (case, accents, punctuation), addresses and long numbers
 * dropped, empty words left out, error codes recognised, phrases and synonyms added. Pagefind
 * matches only pages that contain every word of a query, so a sentence becomes a plan of small
 * queries whose hits the loader adds up.
 */
import { fold, negations, stopWords } from '../validation/words.ts';
import { scrubPatterns } from './scrub.ts';

/**
 * What the search knows beyond the index, published beside each bundle by the site build: the
 * editors' synonym groups, and the words that say nothing in a search on top of `stopWords`
 * (`searchStopWords` in core/validation/words.ts), fetched rather than bundled into the widget.
 */
export interface Vocabulary {
  groups: readonly (readonly string[])[];
  /** Folded. */
  stopWords?: ReadonlySet<string>;
}

/** A word or error code looked up alone, and what its hits are worth. */
export interface PlannedTerm {
  /** Folded, punctuation removed as Pagefind indexes it: "NET::ERR_CERT_DATE_INVALID" -> "neterrcertdateinvalid". */
  word: string;
  weight: number;
  /** A synonym's: the words of the text that brought its group in. */
  from?: readonly string[];
}

/** A query run as it is: a "quoted phrase" (Pagefind matches its words in a row) or words that must all match. */
export interface PlannedQuery {
  text: string;
  weight: number;
  /** A synonym's: the words of the text that brought its group in. */
  from?: readonly string[];
}

/** What to ask Pagefind for one text. */
export interface SearchPlan {
  /** Meaningful words and codes, most telling first; also searched all together. */
  terms: PlannedTerm[];
  /** Phrases and the parts of compound error codes. */
  queries: PlannedQuery[];
}

/** How much each kind of query counts, relative to a word the customer typed. */
export const planWeights = { code: 2, phrase: 2, synonym: 0.6, codeParts: 1 } as const;

/** More words than this make a sentence, not a search: the codes and the longest words are kept. */
const maxTerms = 6;
/** Synonyms added to one text, and phrases looked up for it: each is one more Pagefind query. */
const maxSynonyms = 4;
const maxPhrases = 6;
/** Words in a row matched as a phrase: two are often a coincidence, four rarely match what a customer wrote. */
const phraseLength = 3;

export interface Token {
  /** As typed, for code detection. */
  raw: string;
  /** Folded, letters and digits only. */
  key: string;
}

/** A word as Pagefind indexes it: folded, punctuation dropped ("NET::ERR_CERT_DATE_INVALID" -> "neterrcertdateinvalid", "e-mail" -> "email"). */
export function indexKey(word: string): string {
  return fold(word).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Words as Pagefind splits them; "e-mail", "5.1.1" and "wp-config.php" stay whole, apostrophes split
 * ("l'errore"). Addresses, links and long numbers go first: no article is about one. Labelled
 * secrets ("senha: ...") are the caller's to scrub, as `deflectionQueries` does: finding them is
 * much code the search page would load for nothing, since what its visitor types is searched in
 * the browser and reported only through the server's `scrubQuery`.
 */
export function pagefindTokens(text: string): Token[] {
  return textTokens(scrubPatterns(text, () => ' '));
}

/** Words as `pagefindTokens` splits them, nothing scrubbed: for an article's own text, which no customer typed. */
export function textTokens(text: string): Token[] {
  const raw = text.match(/[\p{L}\p{N}]+(?:[-.:_]+[\p{L}\p{N}]+)*/gu) ?? [];
  return raw.map((t) => ({ raw: t, key: indexKey(t) })).filter((t) => t.key.length > 0);
}

/** An error code rather than a word: digits ("550", "5.1.1", "HY000") or a programmer's name ("ERR_CERT_DATE_INVALID"). */
const isCode = (raw: string) => (/\d/.test(raw) && raw.length >= 3) || /[_:]/.test(raw);

/** Never looked up alone: stop words, negations, single letters. */
const saysNothing = (key: string, vocabulary: Vocabulary) =>
  stopWords.has(key) || vocabulary.stopWords?.has(key) === true || negations.has(key) || (key.length < 2 && !/\d/.test(key));

/** Inflections of pt-BR and Italian (folded), longest first: enough to see "chegou" in "não chega", not a stemmer. */
const endings = /(?:ando|endo|indo|aram|eram|amos|emos|oes|ano|ono|are|ere|ire|ato|ata|ati|ate|ao|ou|am|em|ar|er|ir|es|as|os|a|e|i|o|s)$/;

/** Same word, give or take an ending ("chega", "chegou"; "arriva", "arrivano"), but not "estou" and "estorno". */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return wordStem(a) === wordStem(b);
}

/** What `sameWord` compares: the word without its ending, when at least 3 letters remain. */
export function wordStem(word: string): string {
  const root = word.replace(endings, '');
  return root.length >= 3 ? root : word;
}

function contains(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length || needle.length > haystack.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((k, j) => sameWord(haystack[i + j]!, k))) return true;
  return false;
}

/**
 * The plan for a text: its words and codes one by one (Pagefind's own ranking, title matches
 * first, scores each), a negation with the word it turns ("não abre"), the parts of compound codes,
 * and the other members of every synonym group the text uses, as phrases.
 */
export function planSearch(text: string, vocabulary: Vocabulary = { groups: [] }): SearchPlan {
  const tokens = pagefindTokens(text);
  const terms = new Map<string, PlannedTerm>();
  const queries = new Map<string, PlannedQuery>();
  const addQuery = (q: PlannedQuery) => {
    if ((queries.get(q.text)?.weight ?? 0) < q.weight) queries.set(q.text, q);
  };
  tokens.forEach((token, i) => {
    const code = isCode(token.raw);
    if (code) {
      // "NET::ERR_CERT_DATE_INVALID" is indexed whole and as its parts; an article may list "ERR_CERT_DATE_INVALID".
      const parts = (token.raw.split('::').at(-1) ?? '').split(/[^\p{L}\p{N}]+/u).map(fold).filter((p) => p.length >= 2 && /\p{L}/u.test(p));
      if (parts.length >= 2) addQuery({ text: parts.join(' '), weight: planWeights.codeParts });
    } else if (negations.has(token.key)) {
      // "não abre" is a symptom; "não" alone is in every article, and "abre" alone is no problem.
      const next = tokens[i + 1];
      if (next && !saysNothing(next.key, vocabulary)) addQuery({ text: `"${token.key} ${next.key}"`, weight: planWeights.phrase });
      return;
    } else if (saysNothing(token.key, vocabulary)) return;
    if (!terms.has(token.key)) terms.set(token.key, { word: token.key, weight: code ? planWeights.code : 1 });
  });
  // A pasted error or a customer's turn of phrase, word for word: words in a row, from a telling word
  // (or a negation: "não está chegando") to a telling word.
  const telling = (key: string) => !saysNothing(key, vocabulary);
  for (let i = 0; i + phraseLength <= tokens.length && queries.size < maxPhrases; i++) {
    const window = tokens.slice(i, i + phraseLength).map((t) => t.key);
    if ((telling(window[0]!) || negations.has(window[0]!)) && telling(window.at(-1)!)) addQuery({ text: `"${window.join(' ')}"`, weight: planWeights.phrase });
  }
  // A member is used when the text has all its words in a row: "ci mette tanto" is slowness, "ci mette" alone is not.
  const keys = tokens.map((t) => t.key);
  let synonyms = 0;
  for (const group of vocabulary.groups) {
    const members = group.map((phrase) => ({ phrase, tokens: pagefindTokens(phrase) }));
    const used = members.filter((m) => contains(keys, m.tokens.map((t) => t.key)));
    if (!used.length) continue;
    const from = [...new Set(keys.filter((k) => used.some((m) => m.tokens.some((t) => sameWord(k, t.key)))))];
    for (const member of members) {
      if (synonyms >= maxSynonyms) break;
      const own = used.includes(member);
      const words = member.tokens.map((t) => t.key);
      if (words.length > 1) addQuery(own ? { text: `"${words.join(' ')}"`, weight: planWeights.phrase } : { text: `"${words.join(' ')}"`, weight: planWeights.synonym * planWeights.phrase, from });
      else if (!own && words[0] && !saysNothing(words[0], vocabulary) && !terms.has(words[0])) terms.set(words[0], { word: words[0], weight: planWeights.synonym, from });
      synonyms += own ? 0 : 1;
    }
  }
  // Codes first, then the longest (rarest) words; synonyms after the words the customer typed.
  const ranked = [...terms.values()].sort((a, b) => b.weight - a.weight || b.word.length - a.word.length).slice(0, maxTerms);
  return { terms: ranked, queries: [...queries.values()] };
}

/** How a word of the query was found: as typed, only through a related form (a longer one, another ending), or not at all. */
export type TermMatch = 'as-typed' | 'related' | 'none';

/**
 * Which parts of a plan may count, once the index said how each term was found. While some word the
 * customer typed is found as typed, all of them. When none is, a related form counts only if such
 * forms cover more than half of the typed words: one word's relative among words nobody wrote about
 * is chance ("gatto con gli stivali viola" is not about "violato"), a customer still typing every
 * word ("wordpres lent") is not. Synonyms a distrusted word brought in are dropped with it.
 */
export function trustPlan(plan: SearchPlan, matches: readonly TermMatch[]): { terms: boolean[]; queries: boolean[] } {
  const typed = plan.terms.map((term, i) => ({ term, match: matches[i] ?? 'none' })).filter(({ term }) => !term.from);
  const related = typed.filter((t) => t.match === 'related').length;
  const trustRelated = typed.some((t) => t.match === 'as-typed') || related * 2 > typed.length;
  const distrusted = new Set(typed.filter((t) => t.match === 'related' && !trustRelated).map((t) => t.term.word));
  const fromTrusted = (from: readonly string[] | undefined) => !from?.some((word) => distrusted.has(word));
  return {
    terms: plan.terms.map((term) => !distrusted.has(term.word) && fromTrusted(term.from)),
    queries: plan.queries.map((query) => fromTrusted(query.from)),
  };
}

