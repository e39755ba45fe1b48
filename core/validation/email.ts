/** Pragmatic e-mail validation (international domains accepted) with a hint for common provider typos. */
import { limits } from '../contract/limits.ts';
import { validateDomain } from './domain.ts';

export type EmailCode = 'required' | 'missing-at' | 'invalid-local' | 'invalid-domain' | 'too-long';

export type EmailResult =
  | {
      ok: true;
      /** The address with its domain in ASCII (punycode), as mail servers expect it. */
      ascii: string;
      /** The address the customer probably meant ("joao@gmial.com" -> "joao@gmail.com"). */
      suggestion?: string;
    }
  | { ok: false; code: EmailCode; params?: { max: number } };

/** Popular providers in Brazil and Italy; a domain close to one of these but not in the list is a likely typo. */
const knownProviders = [
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.com.br', 'hotmail.it', 'outlook.com', 'outlook.com.br',
  'outlook.it', 'live.com', 'live.it', 'msn.com', 'yahoo.com', 'yahoo.com.br', 'yahoo.it', 'ymail.com', 'icloud.com',
  'me.com', 'aol.com', 'mail.com', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'globo.com',
  'libero.it', 'virgilio.it', 'alice.it', 'tim.it', 'tin.it', 'tiscali.it', 'fastwebnet.it', 'email.it', 'pec.it',
];
/** Typos that are not a keystroke away. */
const knownTypos: Record<string, string> = { 'gmail.com.br': 'gmail.com' };

/** Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours costs 1, like "gmial". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  return at(a.length, b.length);
}

function suggestDomain(domain: string): string | undefined {
  if (knownProviders.includes(domain)) return undefined;
  if (knownTypos[domain]) return knownTypos[domain];
  // Two edits only for longer names, where two slips still leave the provider recognisable.
  const allowed = domain.length >= 9 ? 2 : 1;
  const close = knownProviders
    .map((provider) => ({ provider, d: distance(domain, provider) }))
    .filter((c) => c.d <= allowed)
    .sort((x, y) => x.d - y.d);
  // When two providers are equally close the hint would be a guess.
  return close.length > 0 && close[0]!.d !== close[1]?.d ? close[0]!.provider : undefined;
}

/** `suggest: false` skips the typo hint, which costs more than the whole check (servers only need `ok`). */
export function validateEmail(input: string, { suggest = true }: { suggest?: boolean } = {}): EmailResult {
  const address = input.trim();
  if (address === '') return { ok: false, code: 'required' };
  const at = address.lastIndexOf('@');
  if (at < 0) return { ok: false, code: 'missing-at' };
  const local = address.slice(0, at);
  const domainPart = address.slice(at + 1);
  if (
    local.length === 0 ||
    local.length > limits.email.local ||
    !/^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u.test(local) ||
    /^\.|\.$|\.\./.test(local)
  )
    return { ok: false, code: 'invalid-local' };
  const domain = validateDomain(domainPart);
  if (!domain.ok || domain.kind !== 'domain' || domain.fromUrl || domainPart !== domainPart.trim())
    return { ok: false, code: 'invalid-domain' };
  const ascii = `${local}@${domain.ascii}`;
  if (ascii.length > limits.email.max) return { ok: false, code: 'too-long', params: { max: limits.email.max } };
  const suggested = suggest ? suggestDomain(domain.ascii) : undefined;
  return suggested ? { ok: true, ascii, suggestion: `${local}@${suggested}` } : { ok: true, ascii };
}
