/**
 * Finds secrets pasted into a ticket (passwords, private keys, API tokens, card numbers) so the
 * widget can highlight them and block Send until they are removed: a ticket is read by many people
 * and kept for years.
 */
import { fold } from './words.ts';

export type SecretKind = 'password' | 'private-key' | 'token' | 'card';

/** The offending text is `text.slice(start, end)`. */
export interface SecretRange {
  kind: SecretKind;
  start: number;
  end: number;
}

// "--password=x" is a command-line option, but "re-password" is not a label.
const notAfterWord = String.raw`(?:(?<=--)|(?<![\p{L}\p{N}_-]))`;
const notBeforeWord = String.raw`(?![\p{L}\p{N}])`;
// "s e n h a" and "p.a.s.s.w.o.r.d" are spelled out to slip past filters; they still label a password.
const spaced = (word: string) => [...word].join('[ .]?');
const longLabel = String.raw`(?:${spaced('senha')}|${spaced('password')}|passwort|passwd|passphrase|palavra[- ]passe)`;
// Short labels only count right before ":" or "=", or before "is" with a random-looking value: "pass" is also an ordinary word.
const shortLabel = String.raw`(?:pass|pwd|pw)`;
const value = String.raw`(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})'|(?<bare>[^\s"']\S{0,199}))`;
// ":", "=", "=>", a dash or arrow between spaces ("password - x", "senha -> x"), or a comma before a quoted value (PHP's define).
const assign = String.raw`["']?[ \t]*(?<op>[:=]>?|(?<=[ \t])[-–—]+>?(?=[ \t])|→|,(?=[ \t]*["']))[ \t]*`;
const preposition = String.raw`(?:do|da|de|dos|das|no|na|para|pro|del|della|dello|di|per|for|of|on|to|at)`;
// "senha do painel:", "password for cpanel is", "la mia password è": qualifying words before the value.
const qualifier = (max: number) => String.raw`(?<qual>(?:[ \t]+(?:${preposition}[ \t]+)?[\p{L}\p{N}@._'-]+){1,${max}}?)`;
const verb = String.raw`[ \t]+(?<verb>é|è|e'|foi|is|was|era|are)${notBeforeWord}[ \t]*:?[ \t]*`;
const login = String.raw`(?:login|acesso|accesso|credenciais|credenziali|creds|credentials)`;

/**
 * What a pattern's value must look like to count, beyond a quoted one: `field`, a value that ends its
 * field, an "=" assignment or a random-looking word; `random`, a random-looking word; `strong`, a
 * word no prose would have; `any`, whatever its place says is a password.
 */
type Needs = 'field' | 'random' | 'strong' | 'any';

/**
 * A fixed part every match of a pattern contains, tested before the pattern: these scan a text
 * far faster than the patterns (lookbehinds, Unicode classes, many alternatives), and most texts,
 * a ticket's dozen fields among them, hold none, so the patterns never run on them. Each gate must
 * be implied by its pattern (same flags, so the same case folding): it only skips work, never a
 * match; secrets.test.ts checks that on many texts.
 */
// Every label in these patterns ends its word ("Passos:" is no label).
const labelGate = new RegExp(`(?:${longLabel}|${shortLabel})${notBeforeWord}`, 'iu');
const loginGate = new RegExp(login, 'iu');
// "admin/", "root / ": a bare "admin" (wp-admin, the admin panel) fills tickets and opens nothing.
const adminGate = /(?:admin|root)[ \t]*\//iu;
// A link's "://user:password@", not every link.
const urlGate = /:\/\/[^\s:/@]*:[^\s/@]+@/;
const mysqlGate = /mysql/;

const passwordPatterns: [RegExp, Needs, RegExp][] = [
  [new RegExp(String.raw`${notAfterWord}(?:[\p{L}\p{N}]+[_-])*(?:${longLabel}|${shortLabel})${notBeforeWord}${assign}${value}`, 'giud'), 'field', labelGate],
  [new RegExp(String.raw`${notAfterWord}${longLabel}${notBeforeWord}${qualifier(2)}${assign}${value}`, 'giud'), 'field', labelGate],
  [new RegExp(String.raw`${notAfterWord}(?:${longLabel}|${shortLabel})${notBeforeWord}${qualifier(4)}?${verb}${value}`, 'giud'), 'random', labelGate],
  // "tentei com a senha Girassol2024", "utente admin password Roma#2024": no punctuation at all.
  [new RegExp(String.raw`${notAfterWord}${longLabel}[ \t\n]+${value}`, 'giud'), 'strong', labelGate],
  // "login admin / Spring2024", "creds are admin/P@ssw0rd": a user name, a slash, the password.
  [new RegExp(String.raw`${notAfterWord}${login}(?:[ \t:]+[\p{L}\p{N}]+){0,2}?[ \t:]+[\p{L}\p{N}._@-]+[ \t]*\/[ \t]*${value}`, 'giud'), 'random', loginGate],
  // Not a path: "GET /wp-admin/ HTTP/1.1" fills every access log.
  [new RegExp(String.raw`(?<![\p{L}\p{N}/_.-])(?:admin|root)[ \t]*\/[ \t]*${value}`, 'giud'), 'strong', adminGate],
  // Credentials in a URL (mysql://root:pass@host, https://user:pass@host) and mysql's glued -p option.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:(?<bare>[^\s/@]+)@/gid, 'any', urlGate],
  [/\bmysql(?:dump|admin)?\b[^\n]*?[ \t]-p(?<bare>[^\s'"]+)/gd, 'any', mysqlGate],
];

/** Words that follow "senha:" or "password is" when no password is given ("Senha: esqueci"). Folded. */
const notAPassword = new Set(
  [
    'esqueci esquecida esquecido perdi perdida nao sei nenhuma incorreta incorreto errada errado invalida invalido',
    'expirada expirado bloqueada bloqueado alterada trocada redefinida resetada nova antiga mesma vazia obrigatoria',
    'dimenticata dimenticato sbagliata sbagliato errata errato scaduta scaduto bloccata nuova vecchia stessa vuota',
    'obbligatoria non none n/a no not wrong invalid incorrect expired forgot forgotten lost reset changed unknown',
    'blank empty required same new old',
  ]
    .join(' ')
    .split(' '),
);

/** Random-looking: digits, symbols or a case change inside the word. */
function looksRandom(candidate: string): boolean {
  return candidate.length >= 4 && (/\d/.test(candidate) || /[^\p{L}\p{N}]/u.test(candidate) || /\p{Ll}\p{Lu}/u.test(candidate));
}

/** Strong: letters and digits with a capital or a symbol; "v2.0" and "2-factor" are not. */
function looksStrong(candidate: string): boolean {
  return candidate.length >= 6 && /\d/.test(candidate) && /\p{L}/u.test(candidate) && /[\p{Lu}!@#$%^&*_+=?~]/u.test(candidate);
}

function findPasswords(text: string): SecretRange[] {
  const found: SecretRange[] = [];
  const gates = new Map<RegExp, boolean>();
  for (const [pattern, needs, gate] of passwordPatterns) {
    let open = gates.get(gate);
    if (open === undefined) gates.set(gate, (open = gate.test(text)));
    if (!open) continue;
    for (const m of text.matchAll(pattern)) {
      const groups = m.groups ?? {};
      const group = groups.dq !== undefined ? 'dq' : groups.sq !== undefined ? 'sq' : 'bare';
      const span = m.indices?.groups?.[group];
      if (!span) continue;
      const [start, matchEnd] = span;
      // Sentence punctuation after a bare value is not part of it.
      const end = group === 'bare' ? matchEnd - (/[.,;:?)\]}"']*$/.exec(text.slice(start, matchEnd))?.[0].length ?? 0) : matchEnd;
      const candidate = text.slice(start, end);
      if (candidate.length < 3 || notAPassword.has(fold(candidate)) || /^[*•·x.#]+$/i.test(candidate)) continue;
      if (/^(?:[<[({]|\$\{)/.test(candidate)) continue; // a placeholder, remark or variable: "<your password>", "(I don't know)", "${DB_PASS}"
      const quoted = group !== 'bare';
      const restOfLine = text.slice(end).split('\n', 1)[0] ?? '';
      // Prose such as "Password reset link: not arriving" goes on after the word; a value ends its line or field.
      const endsField = restOfLine.trim() === '' || /^[ \t]+[\p{L}\p{N} ._-]{1,30}:/u.test(restOfLine);
      // A dash also joins words ("password - reset link expired"): after one, only a random-looking value counts.
      const dash = /^[-–—]/.test(groups.op ?? '');
      const accepted =
        quoted ||
        needs === 'any' ||
        (needs === 'strong' ? looksStrong(candidate) : looksRandom(candidate)) ||
        (needs === 'field' && !dash && (groups.op === '=' || endsField));
      if (accepted) found.push({ kind: 'password', start, end });
    }
  }
  return found;
}

const privateKeyPatterns = [
  // A truncated paste without its END line still counts up to the end of the text.
  /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g,
  /PuTTY-User-Key-File-\d+:[\s\S]*?(?:Private-MAC:[ \t]*[0-9a-f]+|$)/g,
];
const privateKeyGate = /-----BEGIN |PuTTY-User-Key-File-/;

const tokenPatterns = [
  /\b[sr]k_(?:live|test)_[0-9a-zA-Z]{16,}/g, // Stripe secret and restricted keys (pk_ keys are public)
  /\bwhsec_[0-9a-zA-Z]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, // JWT: header and payload are base64url JSON
  // GitLab, npm, SendGrid, DigitalOcean, Brevo (Sendinblue) keys and Slack incoming webhooks.
  /\b(?:glpat-[\w-]{20,}|npm_[A-Za-z0-9]{36}|SG\.[\w-]{22}\.[\w-]{43}|dop_v1_[a-f0-9]{64}|xkeysib-[a-f0-9]{64}-\w{16}|https:\/\/hooks\.slack\.com\/services\/[\w/]+)/g,
];

/** The gate of `tokenPatterns`: each one's fixed prefix. */
const tokenGate = /k_(?:live|test)_|whsec_|gh[pousr]_|github_pat_|xox[abposr]-|AKIA|ASIA|AIza|sk-|eyJ|glpat-|npm_|SG\.|dop_v1_|xkeysib-|hooks\.slack\.com/;

const labelledToken =
  /(?<![\p{L}\p{N}])(?:api[_-]?key|api[_-]?secret|secret[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret)["']?[ \t]*[:=]>?[ \t]*["']?(?<v>[A-Za-z0-9_\-./+=~]{16,})|\bBearer[ \t]+(?<b>[A-Za-z0-9_\-./+=~]{16,})/giud;
const labelledTokenGate = /key|secret|token|bearer/iu;

function findTokens(text: string): SecretRange[] {
  const found: SecretRange[] = [];
  if (tokenGate.test(text))
    for (const pattern of tokenPatterns)
      for (const m of text.matchAll(pattern)) found.push({ kind: 'token', start: m.index, end: m.index + m[0].length });
  if (!labelledTokenGate.test(text)) return found;
  for (const m of text.matchAll(labelledToken)) {
    const span = m.indices?.groups?.v ?? m.indices?.groups?.b;
    // Real keys mix letters and digits; "api_key = required_in_settings" does not.
    if (span && /\d/.test(text.slice(...span)) && /[A-Za-z]/.test(text.slice(...span)))
      found.push({ kind: 'token', start: span[0], end: span[1] });
  }
  return found;
}

// 13-19 digits, optionally in groups; not glued to letters, other digit groups, IPs, dates, "+55" or "#123".
const cardCandidate = /(?<![\p{L}\p{N}_+#-]|\d[ -]|\d[./:,])\d(?:[ .-]?\d){12,18}(?![\p{L}\p{N}_]|[ -]\d|[./:,]\d)/gu;
/** The gate of `cardCandidate`: 13 digits in a row, each pair at most one separator apart. */
const cardGate = /\d(?:[ .-]?\d){12}/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Lengths card networks use, by first digit (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard/Elo/Maestro, Discover/Elo/Hipercard). */
const cardLengths: Record<string, (n: number) => boolean> = {
  '2': (n) => n === 16,
  '3': (n) => n >= 14,
  '4': (n) => n === 13 || n === 16 || n === 19,
  '5': (n) => n >= 16,
  '6': (n) => n >= 16,
};

/** How people write card numbers: one kind of separator, 4-4-4-4(-3), Amex 4-6-5 or Diners 4-6-4. */
function cardGrouping(candidate: string): boolean {
  const separators = new Set(candidate.match(/[ .-]/g));
  if (separators.size === 0) return true;
  if (separators.size > 1) return false;
  const groups = candidate.split(/[ .-]/).map((g) => g.length);
  const last = groups.at(-1) ?? 0;
  const fours = groups.length >= 3 && groups.slice(0, -1).every((g) => g === 4) && last >= 1 && last <= 4;
  return fours || groups.join() === '4,6,5' || groups.join() === '4,6,4';
}

function findCards(text: string): SecretRange[] {
  const found: SecretRange[] = [];
  if (!cardGate.test(text)) return found;
  for (const m of text.matchAll(cardCandidate)) {
    const digits = m[0].replace(/\D/g, '');
    if (cardLengths[digits[0] ?? '']?.(digits.length) && cardGrouping(m[0]) && luhn(digits))
      found.push({ kind: 'card', start: m.index, end: m.index + m[0].length });
  }
  return found;
}

const invisible = /[\xad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/**
 * A character outside the Latin-1 ones NFKC leaves as they are and that are visible: only text with
 * one may read differently (no-break space, ª º ¹ ² ³ ¼ ½ ¾ µ ´ ¨ ¯ ¸, the soft hyphen, anything above U+00FF).
 */
// eslint-disable-next-line no-control-regex -- control characters are among those NFKC leaves alone
const outsideStable = /[^\x00-\x9f\xa1-\xa7\xa9\xab\xac\xae\xb0\xb1\xb6\xb7\xbb\xbf-\xff]/;
const identity = (index: number) => index;

/** Whether the patterns read `text` as it is written: NFKC leaves it alone and nothing in it is invisible. */
export function readsAsWritten(text: string): boolean {
  // Prose in plain Latin-1 letters, digits and signs (Portuguese, Italian) does: no need to
  // normalize it, which costs twice this test, on every field of every ticket.
  return !outsideStable.test(text) || (text.normalize('NFKC') === text && !invisible.test(text));
}

/**
 * `text` as the patterns read it, and a map from its indices back into `text`: full-width digits and
 * letters, no-break and other odd spaces read as plain ones (NFKC), and invisible characters
 * (zero-width, soft hyphen, bidi controls) are skipped, so "４１１１" and "4111\u200b1111…" are
 * found as the card numbers they are, and ranges still point into the original text.
 */
function plain(text: string): [string, (index: number) => number] {
  // Most text reads the same: nothing to map (a 10 MB log must not cost an entry per character).
  if (readsAsWritten(text)) return [text, identity];
  let out = '';
  let last = 0;
  // Pairs of (index in out, index in text): even entries start a stretch copied as it is, odd ones a changed character.
  const marks = [0, 0];
  for (const m of text.matchAll(/[^\p{ASCII}]/gu)) {
    out += text.slice(last, m.index);
    marks.push(out.length, m.index);
    out += invisible.test(m[0]) ? '' : m[0].normalize('NFKC');
    last = m.index + m[0].length;
    marks.push(out.length, last);
  }
  out += text.slice(last);
  return [
    out,
    (index) => {
      // The last mark at or before `index`, by bisection.
      let [low, high] = [0, marks.length / 2 - 1];
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if ((marks[middle * 2] ?? 0) <= index) low = middle;
        else high = middle - 1;
      }
      const [at = 0, from = 0] = marks.slice(low * 2, low * 2 + 2);
      return low % 2 ? from : from + index - at;
    },
  ];
}

/** Each pattern with the gate tested before it, for the test that every gate is implied by its pattern. */
export function gatedPatterns(): (readonly [pattern: RegExp, gate: RegExp])[] {
  return [
    ...privateKeyPatterns.map((p) => [p, privateKeyGate] as const),
    ...tokenPatterns.map((p) => [p, tokenGate] as const),
    [labelledToken, labelledTokenGate],
    ...passwordPatterns.map(([p, , gate]) => [p, gate] as const),
    [cardCandidate, cardGate],
  ];
}

const everyGate = [...new Set(gatedPatterns().map(([, gate]) => gate))];

/**
 * False when `findSecrets(text)` is sure to find nothing: none of the gates opens. Most tickets hold
 * no secret at all, and one look over all their fields costs far less than each field's passes.
 */
export function mayHoldSecrets(text: string): boolean {
  const [read] = plain(text);
  return everyGate.some((gate) => gate.test(read));
}

/** All secrets in `text`, in order, without overlaps (a token inside "password=..." is reported once). */
export function findSecrets(original: string): SecretRange[] {
  const [text, from] = plain(original);
  const all = [
    ...(privateKeyGate.test(text) ? privateKeyPatterns : []).flatMap((p) =>
      [...text.matchAll(p)].map((m): SecretRange => ({ kind: 'private-key', start: m.index, end: m.index + m[0].length })),
    ),
    ...findTokens(text),
    ...findPasswords(text),
    ...findCards(text),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretRange[] = [];
  for (const { kind, start, end } of all) {
    const previous = kept.at(-1);
    const range = { kind, start: from(start), end: from(end) };
    if (!previous || range.start >= previous.end) kept.push(range);
  }
  return kept;
}
