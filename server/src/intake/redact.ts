/**
 * Removes secrets from a ticket before it is stored, even when a client skipped the widget's check:
 * tickets are read by many people and kept for a long time. Two passes: core's patterns (the ones the
 * widget highlights, with the pt/it phrasings no library knows) and, on the server only, secretlint's
 * recommended rules (provider key formats, connection strings; not bundleable for the browser).
 */
import type { lintSource as LintSource } from '@secretlint/core';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { findSecrets, mayHoldSecrets } from '../../../core/validation/secrets.ts';

/** Says what happened: the server removed it as the ticket arrived, no person did. */
const marker: Record<string, string> = { 'pt-BR': '[removido automaticamente]', it: '[rimosso automaticamente]', en: '[removed automatically]' };
/** What tickets stored before said, as if a person had removed it; still highlighted in them. */
const earlierMarkers = ['[removido pelo suporte]', '[rimosso dal supporto]', '[removed by support]'];
/** Inside a URL the marker must keep it a URL: no spaces, no brackets. */
const urlMarker = 'REDACTED';

/** Every marker a removed secret leaves, so the staff console can highlight each removal. */
export const redactionMarkers: readonly string[] = [...Object.values(marker), ...earlierMarkers, urlMarker];

export interface Redacted<T> {
  text: T;
  /** Whether anything was removed (the customer and the agent are told). */
  redacted: boolean;
}

type Range = { start: number; end: number };

function replaceRanges(text: string, ranges: readonly Range[], mark: string): string {
  let out = '';
  let last = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < last) continue;
    out += text.slice(last, r.start) + mark;
    last = r.end;
  }
  return out + text.slice(last);
}

// ---- URLs ---------------------------------------------------------------------------------------

/** Query parameters that carry credentials by name (`?token=`, `?api_key=`, `?password=`, `?sig=`). */
const secretParameter = /(?:^|[_-])(?:pass(?:word)?|pwd|secret|token|(?:api|access|private)?[_-]?key|auth|sig(?:nature)?|session|sid|code|credentials?)$/i;
/** A run a person does not type: 20+ URL-safe characters mixing lower case, upper case and digits. */
const randomRun = /(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d)[\w-]{20,}/;

/**
 * An http(s) URL without its secrets: the password of `user:pass@`, credential-named query values,
 * random-looking query values, and a fragment that holds a token (a status link's `#number:token`,
 * OAuth's `#access_token=`: fragments never reach a server, so they are where pages keep tokens).
 * Host and path stay, so the agent still sees which page it was.
 */
export function redactUrl(value: string): Redacted<string> {
  const url = URL.parse(value);
  if (!url || !/^https?:$/.test(url.protocol)) return { text: value, redacted: false };
  let redacted = false;
  if (url.password) {
    url.password = urlMarker;
    redacted = true;
  }
  for (const [name, parameter] of [...url.searchParams]) {
    if (parameter && parameter !== urlMarker && (secretParameter.test(name) || randomRun.test(parameter) || findSecrets(parameter).length)) {
      url.searchParams.set(name, urlMarker);
      redacted = true;
    }
  }
  const fragment = safeDecode(url.hash.slice(1));
  if (fragment && (randomRun.test(fragment) || findSecrets(fragment).length || /(?:^|[&;])[\w-]*(?:token|key|secret|code)=/i.test(fragment))) {
    url.hash = urlMarker;
    redacted = true;
  }
  const text = redacted ? url.href : value;
  // Whatever else the patterns know (a key in the path, a webhook URL).
  const ranges = findSecrets(text).filter((r) => text.slice(r.start, r.end) !== urlMarker);
  return ranges.length ? { text: replaceRanges(text, ranges, urlMarker), redacted: true } : { text, redacted };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value);

/**
 * A field that is one link, redacted as a link; undefined for any other text. The spaces around it
 * stay where they were: the URL parser refuses a link that starts with a no-break space, which
 * then left the whole field unread.
 */
function asLink(text: string): Redacted<string> | undefined {
  const link = text.trim();
  if (!isHttpUrl(link)) return undefined;
  const start = text.indexOf(link);
  const { text: clean, redacted } = redactUrl(link);
  return { text: text.slice(0, start) + clean + text.slice(start + link.length), redacted };
}

/** http(s) URLs inside free text, up to the first space, closing bracket or quote, without sentence punctuation. */
const urlInText = /\bhttps?:\/\/[^\s<>"'`)\]]*[^\s<>"'`)\].,;:!?]/gi;

// ---- text ---------------------------------------------------------------------------------------

/** Call only for text that is not one link (`isHttpUrl`): a link is redacted as a link, by `redactUrl`, whatever ranges were found in it. */
function redactWith(text: string, lang: string, ranges: readonly Range[]): Redacted<string> {
  let out = ranges.length ? replaceRanges(text, ranges, marker[lang] ?? marker.en ?? '') : text;
  let redacted = ranges.length > 0;
  out = out.replace(urlInText, (found) => {
    const result = redactUrl(found);
    redacted ||= result.redacted;
    return result.text;
  });
  return { text: out, redacted };
}

/** `text` without the secrets core's patterns find, each replaced by a marker in the ticket's language. */
export function redactText(text: string, lang: string): Redacted<string> {
  const link = asLink(text);
  if (link) return link;
  return redactWith(text, lang, findSecrets(text));
}

/** secretlint with its recommended rules, loaded with the first text that may hold what they report. */
let secretlint: Promise<{ lint: (text: string) => ReturnType<typeof LintSource> }> | undefined;
const loadSecretlint = () =>
  (secretlint ??= Promise.all([import('@secretlint/core'), import('@secretlint/profiler'), import('@secretlint/secretlint-rule-preset-recommend')]).then(
    ([{ lintSource }, { secretLintProfiler }, { creator }]) => {
      // secretlint times every rule on every text with performance.mark() and keeps each entry for a
      // report we never ask for: in a server that lints every ticket, that is a leak (hundreds of MB
      // after a few thousand tickets) and a third of the redaction's CPU.
      secretLintProfiler.setEnabled(false);
      const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
      return {
        lint: (text: string) => lintSource({ source: { content: text, filePath: 'ticket.txt', contentType: 'text' }, options: { config, noPhysicFilePath: true, maskSecrets: true } }),
      };
    },
  ));

/**
 * Text that secretlint's recommended rules could report contains at least one of these: each rule's
 * fixed part (a token prefix, a key name, the `user:password@` of a URL), matched more loosely than
 * the rule does. Text with none of them skips secretlint, which costs far more than this test
 * (about 25 rules, each set up with its own events per text): most tickets hold no key at all, and
 * a server that never sees one never loads it.
 * `secretlintRuleNeedles` names the rule each one stands for; a test holds it against the preset.
 */
export const secretlintRuleNeedles: Readonly<Record<string, RegExp | null>> = {
  '@secretlint/secretlint-rule-aws': /secret_?access_?key/i, // the access key ID and account ID rules are off by default
  '@secretlint/secretlint-rule-gcp': null, // service-account files only (.json, .p12): a ticket's text has no extension
  '@secretlint/secretlint-rule-npm': /npm_|_authToken=|x-oauth-basic/,
  '@secretlint/secretlint-rule-slack': /xox[bpaor]-|xapp-|hooks\.slack\.com/i,
  '@secretlint/secretlint-rule-basicauth': /:\/\/[^\s/:]*:[^\s/]*@/,
  '@secretlint/secretlint-rule-openai': /T3BlbkFJ/,
  '@secretlint/secretlint-rule-anthropic': /sk-ant-api0/,
  '@secretlint/secretlint-rule-groq': /gsk_/,
  '@secretlint/secretlint-rule-huggingface': /hf_/,
  '@secretlint/secretlint-rule-linear': /lin_api_/,
  '@secretlint/secretlint-rule-notion': /ntn_/,
  '@secretlint/secretlint-rule-privatekey': /PRIVATE KEY/,
  '@secretlint/secretlint-rule-sendgrid': /SG\./,
  '@secretlint/secretlint-rule-shopify': /shp(?:pa|ca|at|ss)_/,
  '@secretlint/secretlint-rule-stripe': /[rs]k_(?:live|test)_/,
  '@secretlint/secretlint-rule-github': /gh[pousr]_|github_pat_/,
  '@secretlint/secretlint-rule-gitlab': /glpat-/,
  '@secretlint/secretlint-rule-grafana': /glc_|glsa_/,
  '@secretlint/secretlint-rule-1password': /ops_ey/,
  // mongodb://, mysql://, postgres:// are reported only with a user and a password: the URL's user:password@.
  '@secretlint/secretlint-rule-database-connection-string': /:\/\/[^\s/:]*:[^\s/]*@/,
  '@secretlint/secretlint-rule-hashicorp-vault': /hv[sbr]\./,
  '@secretlint/secretlint-rule-vercel': /vc[piark]_/,
  '@secretlint/secretlint-rule-databricks': /dapi/,
  '@secretlint/secretlint-rule-docker': /dckr_pat_/,
  '@secretlint/secretlint-rule-figma': /figd_/,
  '@secretlint/secretlint-rule-cloudflare': /cf(?:k|ut|at)_/,
  '@secretlint/secretlint-rule-tailscale': /tskey-/,
  '@secretlint/secretlint-rule-filter-comments': null, // only silences the others' reports
};
const secretlintCandidate = new RegExp(
  Object.values(secretlintRuleNeedles).flatMap((needle) => (needle ? [needle.flags.includes('i') ? `(?i:${needle.source})` : needle.source] : [])).join('|'),
);

/** What secretlint's recommended rules find that core's patterns do not. */
async function secretlintRanges(text: string, known: readonly Range[]): Promise<Range[]> {
  if (!secretlintCandidate.test(text)) return [];
  const result = await (await loadSecretlint()).lint(text);
  // Where core already found the secret, its range is the tighter one ("root:[removed]@host" keeps user and host).
  return result.messages
    .map(({ range: [start, end] }) => ({ start, end }))
    .filter((r) => !known.some((k) => k.start < r.end && r.start < k.end));
}

/** `text` without the secrets core's patterns or secretlint's recommended rules find. */
export async function redactTextFully(text: string, lang: string): Promise<Redacted<string>> {
  // Before looking for secrets in it: a link's are found by redactUrl, which keeps it a link.
  const link = asLink(text);
  if (link) return link;
  const core = findSecrets(text);
  return redactWith(text, lang, [...core, ...(await secretlintRanges(text, core))]);
}

// ---- tickets ------------------------------------------------------------------------------------

/**
 * Fields that are not free text, by path (`*` for an array index): choices from fixed lists, the
 * timestamp, the e-mail address replies go to, the opaque customer token and the sniffed file type.
 * Every other string in the ticket is scanned, so a field added to the contract later is too.
 */
const notFreeText = new Set(['lang', 'department', 'topic', 'priority', 'customer.email', 'customer.token', 'client.startedAt', 'attachments.*.type']);

interface Slot {
  text: string;
  set(text: string): void;
}

/** Every free-text string inside `value` (an object or array), however deep, with a way to replace it. */
function freeTextSlots(value: object, path: string, slots: Slot[] = []): Slot[] {
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}*` : `${path}${key}`;
    if (typeof item === 'string' && item && !notFreeText.has(itemPath)) {
      slots.push({ text: item, set: (text) => void ((value as Record<string, unknown>)[key] = text) });
    } else if (item && typeof item === 'object') {
      freeTextSlots(item as object, `${itemPath}.`, slots);
    }
  }
  return slots;
}

/** The ticket with core's patterns applied to every free-text field (synchronous; see `redactTicketFully`). */
export function redactTicket(ticket: Ticket): { ticket: Ticket; redacted: boolean } {
  const copy = structuredClone(ticket);
  let redacted = false;
  for (const slot of freeTextSlots(copy, '')) {
    const result = redactText(slot.text, copy.lang);
    slot.set(result.text);
    redacted ||= result.redacted;
  }
  return { ticket: copy, redacted };
}

/** A link with a user, a query or a fragment: the parts `redactUrl` looks into besides the patterns. */
const linkWithParts = (link: string) => /[@?#]/.test(link);

/**
 * False when no field can change: no gate of core's patterns opens and no secretlint rule's fixed
 * part appears in any of them (tested once on all fields joined: a match inside one field is a
 * match in the whole), and no link, a field of its own or inside the text, has a user, a query or a
 * fragment. Most tickets hold no secret: this one look costs a fraction of each field's passes.
 */
function anyFieldMayChange(texts: readonly string[]): boolean {
  const all = texts.join('\n');
  if (mayHoldSecrets(all) || secretlintCandidate.test(all)) return true;
  for (const [link] of all.matchAll(urlInText)) if (linkWithParts(link)) return true;
  return texts.some((text) => /^\s*https?:\/\//i.test(text) && linkWithParts(text));
}

/**
 * The ticket with both passes applied to every free-text field: what the tickets route stores. The
 * ticket given is never changed; it is copied only when something is removed (most tickets hold no
 * secret, and the copy cost as much as the scan).
 */
export async function redactTicketFully(ticket: Ticket): Promise<{ ticket: Ticket; redacted: boolean }> {
  const texts = freeTextSlots(ticket, '').map((slot) => slot.text);
  if (!anyFieldMayChange(texts)) return { ticket, redacted: false };
  const results = await Promise.all(texts.map((text) => redactTextFully(text, ticket.lang)));
  if (results.every((result, i) => result.text === texts[i])) return { ticket, redacted: results.some((result) => result.redacted) };
  const copy = structuredClone(ticket);
  freeTextSlots(copy, '').forEach((slot, i) => slot.set(results[i]!.text));
  return { ticket: copy, redacted: results.some((result) => result.redacted) };
}

/**
 * A search query as the events route may store it: what secretlint finds marked `[secret]`, like the
 * secrets core's `scrubQuery` marks (core's own patterns run there, in the browser and here alike).
 * Call it before `scrubQuery`: `scrubQuery(await redactSearchQuery(event.query))`.
 */
export async function redactSearchQuery(query: string): Promise<string> {
  return replaceRanges(query, await secretlintRanges(query, []), ' [secret] ');
}
