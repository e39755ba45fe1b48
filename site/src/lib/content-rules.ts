/**
 * Content rules the per-file front-matter schema cannot see: the folder matches the language, topics
 * exist in support.yaml, one article per translation key and language, no clash with a site page;
 * and the editorial checks of article bodies: components and their topics, internal links, orphans,
 * missing translations, and prose that restates a promise support.yaml holds. Pure: the build
 * (lib/articles.ts) and `npm run content:report` (scripts/content-report.ts) feed it the articles.
 */
import { contentLanguages, languagePath, type ContentLanguage } from '../../../core/contract/locales.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import { marketKeys } from '../../../core/contract/support-keys.ts';
import type { ArticleFrontMatter } from '../schemas/article.ts';
import { pageSlugs, reservedSlugs } from '../i18n/routes.ts';

/** What the rules need of an article (a collection entry has all of it). */
export interface ArticleRef {
  id: string;
  filePath?: string;
  data: Pick<ArticleFrontMatter, 'language' | 'translationKey' | 'topics'>;
}

/** The address part of an article: its file name (ids include the language folder). */
export const slugOf = (article: Pick<ArticleRef, 'id'>) => article.id.split('/').at(-1) ?? article.id;

function where(article: ArticleRef): string {
  return article.filePath ?? article.id;
}

/** Problems that the per-file schema cannot catch, one sentence each. */
export function crossCheck(articles: readonly ArticleRef[], topicKeys: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, ArticleRef>();
  for (const article of articles) {
    const folder = article.id.split('/')[0];
    const { language, translationKey, topics } = article.data;
    if (folder !== languagePath[language]) {
      problems.push(`${where(article)}: language: expected "${folder === 'it' ? 'it' : 'pt-BR'}" for the ${folder}/ folder, found "${language}"`);
    }
    for (const topic of topics) {
      if (!topicKeys.has(topic)) {
        problems.push(`${where(article)}: topics: expected a topic key from support.yaml (${[...topicKeys].join(', ')}), found "${topic}"`);
      }
    }
    if (reservedSlugs.has(slugOf(article))) {
      problems.push(`${where(article)}: file name: "${slugOf(article)}" is the address of a site page; rename the file`);
    }
    const pairKey = `${language}:${translationKey}`;
    const twin = seen.get(pairKey);
    if (twin) {
      problems.push(`${where(article)}: translationKey: expected one ${language} article per key, found "${translationKey}" also in ${where(twin)}`);
    }
    seen.set(pairKey, article);
  }
  return problems;
}


// ---- editorial checks: what an article's body says and links to ---------------------------------

/** An article with its MDX body (the collection entry's `body`), as the editorial checks read it. */
export interface ArticleSource extends ArticleRef {
  body: string;
  /** The file's line on which the body starts (1 = first line), so findings name the file's own line. */
  bodyLine: number;
}

/** Components editors may use without importing them: the article page's MDX components map. */
export const editorComponents = [
  'Callout',
  'TicketLink',
  'AttachmentLimits',
  'Backups',
  'Channels',
  'Duplicates',
  'Hours',
  'Included',
  'MaintenancePlans',
  'PaidSupport',
  'PlanChanges',
  'Price',
  'ReplyCommitment',
  'SupportPlans',
  'TicketClosing',
] as const;

/**
 * The line of the file on which `body` starts (the collection keeps the body, not its offset; MDX
 * entries keep it trimmed, so it starts at the first line of text after the front matter).
 */
export function bodyStartLine(source: string, body: string): number {
  const frontMatterEnd = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)?.[0].length ?? 0;
  const start = source.indexOf(body.split('\n')[0] ?? '', frontMatterEnd);
  return source.slice(0, start < 0 ? frontMatterEnd : start).split('\n').length;
}

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/**
 * The body with code blocks, inline code and MDX comments and expressions blanked out, every other
 * character in place (line and column numbers still hold): what a customer reads as text or links.
 */
export function maskCode(body: string): string {
  let fence: string | undefined;
  const lines = body.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return blank(line);
    }
    if (marker) {
      fence = marker;
      return blank(line);
    }
    return line;
  });
  return lines
    .join('\n')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank)
    .replace(/(`+)[^`\n][\s\S]*?\1/g, (code) => (code.includes('\n\n') ? code : blank(code)))
    .replace(/\{[^{}\n]*\}/g, blank);
}

/**
 * Only the prose of the body: besides code, tags and their attributes, link addresses, quoted text
 * (error messages are quoted), import/export lines and emphasis markers are blanked out.
 */
export function maskNonProse(body: string): string {
  return maskCode(body)
    .replace(/^(?:import|export)\s.*$/gm, blank)
    .replace(/^\s{0,3}\[[^\]\n]+\]:.*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<\/?[A-Za-z][^<>]*>/g, blank)
    .replace(/\]\([^)\n]*\)/g, (link) => `]${blank(link.slice(1))}`)
    .replace(/"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/g, blank)
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, blank);
}

/** A phrase that restates a support.yaml value, and the components that say it instead. */
export interface PromisePattern {
  regex: RegExp;
  /** The line must also match this: the phrase alone is too common ("7 giorni" of backup retention). */
  context?: RegExp;
  /** What the phrase restates, for the message. */
  what: string;
  /** The support.yaml field it restates. */
  field: string;
  use: readonly string[];
  /** The languages it is looked for in; all when absent. */
  languages?: readonly ContentLanguage[];
}

const numberWords: Readonly<Record<number, readonly string[]>> = {
  1: ['um', 'uma', 'un', 'uno', 'una'],
  2: ['dois', 'duas', 'due'],
  3: ['três', 'tre'],
  4: ['quatro', 'quattro'],
  5: ['cinco', 'cinque'],
  6: ['seis', 'sei'],
  7: ['sete', 'sette'],
  8: ['oito', 'otto'],
  9: ['nove'],
  10: ['dez', 'dieci'],
  15: ['quinze', 'quindici'],
  20: ['vinte', 'venti'],
  25: ['vinte e cinco', 'venticinque'],
  30: ['trinta', 'trenta'],
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (items: Iterable<string>) => [...new Set(items)].sort((a, b) => b.length - a.length).map(escape).join('|');
/** A number as digits or words, not part of a longer number ("128 MB" is not "28 MB"). */
const numberRe = (n: number) => `(?<![\\p{L}\\p{N}.,])(?:${alternatives([String(n), ...(numberWords[n] ?? [])])})`;
const units = {
  days: '(?:dias?(?:\\s+(?:corridos|úteis|uteis))?|giorni(?:\\s+(?:di\\s+calendario|lavorativi|solari))?|giorno|days?)',
  weeks: '(?:semanas?|settimane|settimana|weeks?)',
  years: '(?:anos?|anni|anno|years?)',
  minutes: '(?:minutos?|minuti|minuto|min\\b\\.?)',
  files: '(?:arquivos?|anexos?|files?|allegati|imagens|immagini|capturas)',
  megabytes: '(?:MB|MiB|megas?|megabytes?)',
};
const end = '(?![\\p{L}\\p{N}])';
const phrase = (number: string, unit: string) => new RegExp(`${number}\\s*${unit}${end}`, 'giu');

/** A number of days, with weeks and years where the number is a whole number of them. */
function daysRe(days: number): string {
  const forms = [`${numberRe(days)}\\s*${units.days}`];
  if (days % 7 === 0) forms.push(`${numberRe(days / 7)}\\s*${units.weeks}`);
  if (days % 365 === 0) forms.push(`${numberRe(days / 365)}\\s*${units.years}`);
  return `(?:${forms.join('|')})${end}`;
}

const contexts = {
  reply: /\b(?:respost|respond|rispost|rispond)/iu,
  closing: /\b(?:fech|encerr|chius|chiud)/iu,
  validity: /\b(?:cr[ée]dit|valid|v[aá]l[eio]|dur|plan|pian|compra|acquist|scad|expir|venc|wpcred)/iu,
  payment: /(?:R\$|€|\bcobr|\bpag|\bpre[çc]|\bvalor|\bcust|\bcost|\bsolu[cçz]|\btrabalh|\blavor|\binterven|\bsuporte|\bassist)/iu,
  hours: /\b(?:atend|hor[áa]rio|expediente|segunda|sexta|orari|luned|venerd|assistenza|suporte|staff|equipe|lavora|apert|abert|fechad|chius)/iu,
};

function pricePatterns(amount: number, currency: string): RegExp {
  const amounts = new Set<string>();
  for (const locale of ['pt-BR', 'it', 'en']) {
    for (const useGrouping of [true, false]) {
      amounts.add(new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping }).format(amount));
      if (Number.isInteger(amount)) amounts.add(new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping }).format(amount));
    }
  }
  const symbols = new Set<string>([currency]);
  for (const locale of ['pt-BR', 'it', 'en']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1).find((p) => p.type === 'currency')?.value;
      if (symbol) symbols.add(symbol);
    }
  }
  const words: Record<string, string[]> = { BRL: ['reais', 'real'], EUR: ['euros', 'euro'], USD: ['dólares', 'dollari', 'dollars'] };
  const number = `(?:${alternatives(amounts)})`;
  // "R$ 15" but not "R$ 15,50", another price.
  const before = `(?:${alternatives(symbols)})\\s*${number}(?![\\p{N}]|[.,]\\p{N})`;
  const after = `(?<![\\p{N}.,])${number}\\s*(?:${alternatives([...symbols, ...(words[currency] ?? [])])})${end}`;
  return new RegExp(`${before}|${after}`, 'giu');
}

/** Clock forms of "09:00": 09:00, 9:00, 9h, 9h00, 9.00. */
function clockRe(clock: string): string {
  const [hh = '0', mm = '00'] = clock.split(':');
  const hour = `0?${Number(hh)}`;
  return mm === '00' ? `(?<![\\p{N}:.])${hour}(?:[:.h]00|h)(?![\\p{N}])` : `(?<![\\p{N}:.])${hour}[:.h]${mm}(?![\\p{N}])`;
}
/** The same hour in a range ("das 9 às 18"), where the range itself says it is a time. */
const hourRe = (clock: string) => `(?:${clockRe(clock)}|(?<![\\p{N}:.])0?${Number(clock.split(':')[0])}(?![\\p{N}:.]))`;
/** Any clock time written as one ("9:00", "18h"): a bare number in "de 2 a 5 dias" is not one. */
const anyClock = '\\d{1,2}(?:[:.h]\\d{2}|h)';
const clockRange = (from: string, to: string) =>
  new RegExp(`(?:\\b(?:das|dalle|dall'|de|from)\\s+${from}\\s*(?:às|as|a|alle|al|até|to|-|–)\\s*${to})|(?:${from}\\s*[-–]\\s*${to})`, 'giu');

/**
 * The phrases that restate a promise support.yaml holds, built from its values (a changed price is
 * still caught): prices, the minutes of a per-request solution, reply and closing days, attachment
 * caps, hours' clock times, credit validity. Also, whatever the values: reply times in business
 * hours (no market promises one) and clock times in the language of a market that publishes none.
 */
export function promisePatterns(config: SupportConfig): PromisePattern[] {
  const patterns: PromisePattern[] = [];
  for (const key of marketKeys) {
    const market = config.markets[key];
    const at = `markets.${key}`;
    const paid = market.paidSupport;
    // A market's promises are looked for in its own language: a pt-BR article states Brazil's policy.
    const add = (pattern: Omit<PromisePattern, 'languages'>) => patterns.push({ ...pattern, languages: [market.language] });
    if (paid.model === 'per-request') {
      add({ regex: pricePatterns(paid.price, market.currency), what: 'the price of paid support', field: `${at}.paidSupport.price`, use: ['Price', 'PaidSupport'] });
      add({
        regex: phrase(numberRe(paid.maxMinutes), units.minutes),
        context: contexts.payment,
        what: 'the minutes a paid solution may take',
        field: `${at}.paidSupport.maxMinutes`,
        use: ['PaidSupport'],
      });
    } else {
      add({
        regex: new RegExp(daysRe(paid.validityDays), 'giu'),
        context: contexts.validity,
        what: 'how long credits last',
        field: `${at}.paidSupport.validityDays`,
        use: ['PaidSupport', ...(market.supportPlans ? ['SupportPlans'] : [])],
      });
    }
    if (market.supportPlans) {
      add({
        regex: new RegExp(daysRe(market.supportPlans.validityDays), 'giu'),
        context: contexts.validity,
        what: 'how long support plans last',
        field: `${at}.supportPlans.validityDays`,
        use: ['SupportPlans'],
      });
    }
    if (market.firstReply.model === 'calendar-days') {
      add({
        regex: new RegExp(daysRe(market.firstReply.days), 'giu'),
        context: contexts.reply,
        what: 'the first-reply commitment',
        field: `${at}.firstReply.days`,
        use: ['ReplyCommitment'],
      });
    }
    if (market.ticketClosing) {
      add({
        regex: new RegExp(daysRe(market.ticketClosing.daysWithoutCustomerReply), 'giu'),
        context: contexts.closing,
        what: 'when tickets close automatically',
        field: `${at}.ticketClosing.daysWithoutCustomerReply`,
        use: ['TicketClosing'],
      });
    }
    const { open, close } = market.hours;
    const hours = open && close ? 'the support hours' : 'support hours with clock times, which this market does not publish';
    // Any time range about support: it restates the hours, or contradicts them.
    add({ regex: clockRange(anyClock, anyClock), context: contexts.hours, what: hours, field: `${at}.hours`, use: ['Hours'] });
    if (open && close) {
      add({ regex: clockRange(hourRe(open), hourRe(close)), what: hours, field: `${at}.hours`, use: ['Hours'] });
      add({ regex: new RegExp(`${clockRe(open)}|${clockRe(close)}`, 'giu'), context: contexts.hours, what: hours, field: `${at}.hours`, use: ['Hours'] });
    }
    add({
      regex: /(?<![\p{L}\p{N}])\d+(?:[-–]\d+)?\s*(?:horas?\s+úte?is|horas?\s+uteis|ore\s+lavorative|business\s+hours)(?![\p{L}\p{N}])/giu,
      what: 'a reply time in business hours, which support.yaml does not promise',
      field: `${at}.firstReply`,
      use: ['ReplyCommitment'],
    });
  }
  const { maxFiles, maxFileBytes, maxTotalBytes } = config.attachments;
  patterns.push({ regex: phrase(numberRe(maxFiles), units.files), what: 'how many files a ticket takes', field: 'attachments.maxFiles', use: ['AttachmentLimits'] });
  for (const [bytes, field] of [
    [maxFileBytes, 'attachments.maxFileBytes'],
    [maxTotalBytes, 'attachments.maxTotalBytes'],
  ] as const) {
    const mb = bytes / (1024 * 1024);
    const forms = new Set([String(Math.round(mb * 10) / 10), String(Math.round(mb * 10) / 10).replace('.', ',')]);
    patterns.push({
      regex: phrase(`(?<![\\p{L}\\p{N}.,])(?:${alternatives(forms)})`, units.megabytes),
      what: 'the attachment size limit',
      field,
      use: ['AttachmentLimits'],
    });
  }
  return patterns;
}

interface Hit {
  line: number;
  column: number;
  end: number;
  text: string;
  patterns: PromisePattern[];
}

/** The patterns looked for in one language, and one expression that matches wherever any of them does. */
interface LanguagePatterns {
  mine: PromisePattern[];
  any: RegExp;
}

const patternsByLanguage = new WeakMap<readonly PromisePattern[], Map<ContentLanguage, LanguagePatterns>>();

function patternsFor(patterns: readonly PromisePattern[], language: ContentLanguage): LanguagePatterns {
  let byLanguage = patternsByLanguage.get(patterns);
  if (!byLanguage) patternsByLanguage.set(patterns, (byLanguage = new Map<ContentLanguage, LanguagePatterns>()));
  let found = byLanguage.get(language);
  if (!found) {
    const mine = patterns.filter((p) => !p.languages || p.languages.includes(language));
    // Every pattern is case-insensitive and Unicode-aware (giu); `g` is left out, so test() keeps no position.
    const any = mine.length ? new RegExp(mine.map((p) => `(?:${p.regex.source})`).join('|'), 'iu') : /(?!)/;
    byLanguage.set(language, (found = { mine, any }));
  }
  return found;
}

/** Each phrase of the article's prose that restates a support.yaml promise: file, line, phrase, component to use. */
export function findPromises(article: ArticleSource, patterns: readonly PromisePattern[]): string[] {
  const hits = new Map<string, Hit>();
  const { mine, any } = patternsFor(patterns, article.data.language);
  maskNonProse(article.body)
    .split('\n')
    .forEach((line, index) => {
      // Nearly every line matches none of them: one pass of their union tells, instead of one per pattern.
      if (!any.test(line)) return;
      for (const pattern of mine) {
        if (pattern.context && !pattern.context.test(line)) continue;
        for (const match of line.matchAll(pattern.regex)) {
          const key = `${index}:${match.index}`;
          const text = match[0].replace(/\s+/g, ' ').trim();
          const hit = hits.get(key) ?? { line: article.bodyLine + index, column: match.index, end: match.index, text, patterns: [] };
          if (match.index + match[0].length > hit.end) Object.assign(hit, { end: match.index + match[0].length, text });
          hit.patterns.push(pattern);
          hits.set(key, hit);
        }
      }
    });
  // "09:00" inside "das 09:00 às 18:00" is the same finding: the longest phrase names it.
  const all = [...hits.values()];
  const inside = (a: Hit, b: Hit) => a !== b && a.line === b.line && b.column <= a.column && a.end <= b.end && (b.column < a.column || a.end < b.end);
  return all
    .filter((hit) => !all.some((other) => inside(hit, other)))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((hit) => {
      const unique = <T>(items: T[]) => [...new Set(items)];
      const what = unique(hit.patterns.map((p) => p.what)).join('; ');
      const fields = unique(hit.patterns.map((p) => p.field)).join(', ');
      const use = unique(hit.patterns.flatMap((p) => p.use)).map((c) => `<${c} />`).join(' or ');
      return `${where(article)}:${hit.line}: "${hit.text}" restates ${what} (support.yaml ${fields}); use ${use} instead`;
    });
}

/** A link in the body: where it points and the file's line it is on. */
interface Link {
  href: string;
  line: number;
}

function linksOf(article: ArticleSource): Link[] {
  const text = maskCode(article.body);
  const links: Link[] = [];
  const lineAt = (offset: number) => article.bodyLine + text.slice(0, offset).split('\n').length - 1;
  const patterns = [
    /(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
    /\bhref\s*=\s*["']([^"']+)["']/g,
    /^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) links.push({ href: match[1] ?? '', line: lineAt(match.index) });
  }
  return links.sort((a, b) => a.line - b.line);
}

/** The site-relative path a link points to, or undefined when it leaves the knowledge base or stays on the page. */
function resolveLink(href: string, from: string): string | undefined {
  if (href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const base = 'https://kb.invalid';
  const url = new URL(href, `${base}${from}`);
  if (url.origin !== base) return undefined;
  let path: string;
  try {
    path = decodeURI(url.pathname);
  } catch {
    path = url.pathname;
  }
  return path.endsWith('/') ? path : `${path}/`;
}

const articlePath = (article: ArticleRef) => `/${languagePath[article.data.language]}/${slugOf(article)}/`;

/** What the editorial checks found, one sentence each. */
export interface EditorialReport {
  /** Links to /pt-br/… or /it/… addresses no article or site page has. */
  brokenLinks: string[];
  /** Articles no other article of their language links to. */
  orphans: string[];
  /** Articles whose translation is not written yet (a warning only). */
  missingPairs: string[];
  /** Prose that restates a support.yaml promise. */
  promises: string[];
}

/**
 * Broken internal links, orphans, missing translations and prose promises. Only links in article
 * bodies count: the related-article lists under each article are computed, not written by anyone.
 */
export function editorialCheck(articles: readonly ArticleSource[], config: SupportConfig): EditorialReport {
  const segments = new Map(contentLanguages.map((lang) => [languagePath[lang], lang]));
  const addresses = new Map<string, ArticleSource>(articles.map((a) => [articlePath(a), a]));
  const pages = new Set(
    contentLanguages.flatMap((lang) => [
      `/${languagePath[lang]}/`,
      `/${languagePath[lang]}/404/`,
      ...Object.values(pageSlugs).map((slugs) => `/${languagePath[lang]}/${slugs[lang]}/`),
    ]),
  );
  const linkedFrom = new Map<ArticleSource, Set<ArticleSource>>();
  const brokenLinks: string[] = [];
  for (const article of articles) {
    const from = articlePath(article);
    for (const { href, line } of linksOf(article)) {
      const path = resolveLink(href, from);
      if (!path || !segments.has(path.split('/')[1] ?? '')) continue;
      const target = addresses.get(path);
      if (target) {
        if (target !== article && target.data.language === article.data.language) linkedFrom.set(target, (linkedFrom.get(target) ?? new Set()).add(article));
      } else if (!pages.has(path)) {
        const lang = segments.get(path.split('/')[1] ?? '') ?? article.data.language;
        const slug = path.split('/')[2] ?? '';
        const elsewhere = articles.find((a) => slugOf(a) === slug);
        const hint = elsewhere ? ` (there is a ${elsewhere.data.language} article at ${articlePath(elsewhere)})` : '';
        brokenLinks.push(`${where(article)}:${line}: link to ${href}: no ${lang} article or site page has this address${hint}`);
      }
    }
  }
  const orphans = articles
    .filter((a) => !linkedFrom.has(a))
    .map((a) => `${where(a)}: orphan: no other ${a.data.language} article links to ${articlePath(a)}; link it from an article on the same subject (related-article lists do not count)`);

  const languagesOf = new Map<string, Set<ContentLanguage>>();
  for (const a of articles) languagesOf.set(a.data.translationKey, (languagesOf.get(a.data.translationKey) ?? new Set()).add(a.data.language));
  const missingPairs = articles.flatMap((a) => {
    const missing = contentLanguages.filter((lang) => !languagesOf.get(a.data.translationKey)?.has(lang));
    return missing.length ? [`${where(a)}: translationKey "${a.data.translationKey}": no ${missing.join(', ')} article yet (a missing translation)`] : [];
  });

  const patterns = promisePatterns(config);
  const promises = articles.flatMap((a) => findPromises(a, patterns));
  return { brokenLinks, orphans, missingPairs, promises };
}

/**
 * Mistakes that stop the build whatever CONTENT_CHECKS says, because the page cannot render right:
 * a component that does not exist, `<Included>` without a topic or with one support.yaml lacks.
 */
export function componentCheck(articles: readonly ArticleSource[], topicKeys: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const known = new Set<string>(editorComponents);
  for (const article of articles) {
    const text = maskCode(article.body);
    const lineAt = (offset: number) => article.bodyLine + text.slice(0, offset).split('\n').length - 1;
    for (const match of text.matchAll(/<([A-Z][A-Za-z0-9]*)\b([^<>]*)>/g)) {
      const name = match[1] ?? '';
      // Attributes from the body itself: masking blanked expressions such as topic={"dns"}.
      const attributes = article.body.slice(match.index, match.index + match[0].length);
      const at = `${where(article)}:${lineAt(match.index)}`;
      if (!known.has(name)) {
        problems.push(`${at}: <${name}>: expected one of the components editors may use (${editorComponents.join(', ')}), found "${name}"`);
      } else if (name === 'Included') {
        const topic = /\btopic\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["']([^"']*)["']\s*\})/.exec(attributes);
        const key = topic?.[1] ?? topic?.[2] ?? topic?.[3];
        if (key === undefined) problems.push(`${at}: <Included>: expected a topic="..." attribute with a topic key from support.yaml, found none`);
        else if (!topicKeys.has(key)) problems.push(`${at}: <Included topic="${key}" />: expected a topic key from support.yaml (${[...topicKeys].join(', ')}), found "${key}"`);
      }
    }
  }
  return problems;
}

/** How the editorial checks (broken links, orphans, prose promises) treat what they find. */
export const contentCheckModes = ['warn', 'fail'] as const;
export type ContentCheckMode = (typeof contentCheckModes)[number];

/**
 * `fail`: a broken link, an orphan or a retyped promise stops the build. `warn` is for a writer's
 * draft and for generated test sites (bench/search-at-scale.ts), never for what ships.
 */
export const defaultContentCheckMode: ContentCheckMode = 'fail';

/** The mode CONTENT_CHECKS asks for (`warn` or `fail`), the default when it is unset. */
export function contentCheckMode(value: string | undefined): ContentCheckMode {
  if (value === undefined || value.trim() === '') return defaultContentCheckMode;
  const mode = contentCheckModes.find((m) => m === value.trim().toLowerCase());
  if (!mode) throw new Error(`CONTENT_CHECKS: expected one of "warn", "fail", found "${value}"`);
  return mode;
}
