/**
 * What the policy components say, from support.yaml: one function per component, taking the
 * validated config and the article's language (pt-BR reads the Brazilian market, it the Italian
 * one). The sentences live in policy-words.{pt-BR,it}.ts; every number, name and yes/no comes from
 * the config, so a changed price or period changes every article that shows it. Plain TypeScript,
 * no Astro and no Node: unit-tested on the real support.yaml and on changed copies.
 */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import type { Market, SupportConfig } from '../../../../core/contract/support-config.ts';
import { marketKeys, type MarketKey, type PaidRequirement, type SupportTier } from '../../../../core/contract/support-keys.ts';
import { languageFromPath } from '../../i18n/routes.ts';
import { it } from './policy-words.it.ts';
import { ptBR } from './policy-words.pt-BR.ts';

type PaidModel = Market['paidSupport']['model'];
type ChannelScope = Market['channels']['ticket']['scope'];
type BackupAction = Market['backups']['paid'][number];
export type ChannelKey = keyof Market['channels'];

/** The sentences of one language; facts arrive as arguments. */
export interface PolicyWords {
  locale: ContentLanguage;
  and(items: readonly string[]): string;
  or(items: readonly string[]): string;
  /** How customers name a zone ("horário de Brasília"); others fall back to Intl's generic name. */
  zoneNames: Readonly<Record<string, string>>;
  everyDay: string;
  /** Consecutive ISO weekdays, 1 = Monday: "de segunda a sexta-feira". */
  dayRange(from: number, to: number): string;
  /** Days that are not a range: "às segundas e às quartas". */
  dayList(days: readonly number[]): string;
  hours(h: { days: string; clock?: { open: string; close: string; zone: string }; holidaysExcluded: boolean }): string;
  replyQueue: string;
  replyWithin(r: { days: number; condition: string; covered: string[]; uncovered: string[] }): string;
  ticketClosing(days: number): string;
  duplicates: Record<Market['duplicates'], string>;
  channelNames: Record<ChannelKey, string>;
  channelScope: { everything(isTicket: boolean): string; basic: string; commercial: string };
  channelsRestByTicket: string;
  channelsOnlyTicket: string;
  paidPerRequest(p: { price: string; maxMinutes: number }): string;
  prepaid: string;
  paidCredits(p: { pack: string; validityDays: number; terms: string }): string;
  costNotKnown: string;
  requires(items: string[]): string;
  requirement: Record<PaidRequirement, string>;
  terms(t: { refundable: boolean; resellable: boolean }): string;
  tier: { included: string; paid(model: PaidModel, pack: string): string; quoted: string; 'paid-unless-ours': string };
  attachments(a: { maxFiles: number; perFile: string; total: string; types: string[] }): string;
  planResize(paid: boolean): string;
  platformMove(paid: boolean): string;
  backupsPaid(actions: readonly BackupAction[], paidPhrase: string): string;
  backupAvailability: string;
  maintenancePlans(extraordinary: string[]): string;
  supportPlans(s: { validityDays: number; terms: string }): string;
}

const words: Record<ContentLanguage, PolicyWords> = { 'pt-BR': ptBR, it };

/** The market an article's language reads: pt-BR the Brazilian one, it the Italian one. */
export function marketKeyOf(config: SupportConfig, lang: ContentLanguage): MarketKey {
  return marketKeys.find((key) => config.markets[key].language === lang) ?? marketKeys[0];
}

export function marketOf(config: SupportConfig, lang: ContentLanguage): Market {
  return config.markets[marketKeyOf(config, lang)];
}

/** The language of the article a component renders in, from its address (/pt-br/..., /it/...). */
export function articleLanguage(url: URL): ContentLanguage {
  return languageFromPath(url.pathname.split('/')[1] ?? '') ?? 'pt-BR';
}

/** A price as customers read it: "R$ 15,00". */
export function formatPrice(amount: number, currency: string, lang: ContentLanguage): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
}

const MB = 1024 * 1024;

/** A size as the ticket form shows it: 10485760 -> "10 MB", 1572864 -> "1,5 MB". */
export function formatBytes(bytes: number, lang: ContentLanguage): string {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return bytes >= MB ? `${number.format(bytes / MB)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

const typeLabels: Readonly<Record<string, string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/pdf': 'PDF',
  'text/plain': 'TXT',
};

/** A MIME type as customers know it: image/png -> PNG. */
export function typeLabel(mime: string): string {
  return typeLabels[mime] ?? (mime.split('/')[1] ?? mime).toUpperCase();
}

function zoneName(zone: string, w: PolicyWords): string {
  return (
    w.zoneNames[zone] ??
    new Intl.DateTimeFormat(w.locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(0).find((p) => p.type === 'timeZoneName')?.value ??
    zone
  );
}

function describeDays(isoDays: readonly number[], w: PolicyWords): string {
  const days = [...new Set(isoDays)].sort((a, b) => a - b);
  if (days.length === 7) return w.everyDay;
  const first = days[0] ?? 1;
  const last = days.at(-1) ?? first;
  return days.length > 1 && last - first === days.length - 1 ? w.dayRange(first, last) : w.dayList(days);
}

/** `<Hours />`: the days and, where published, the clock times (in the market's zone); holidays excluded. */
export function hoursText(config: SupportConfig, lang: ContentLanguage): string {
  const w = words[lang];
  const { hours, holidays, timeZone } = marketOf(config, lang);
  const clock =
    hours.open && hours.close
      ? { open: hours.open, close: hours.close === '00:00' ? '24:00' : hours.close, zone: zoneName(timeZone, w) }
      : undefined;
  return w.hours({ days: describeDays(hours.days, w), clock, holidaysExcluded: holidays.length > 0 });
}

/** `<ReplyCommitment />`: the first-reply rule, a queue without a deadline or a commitment in calendar days. */
export function replyCommitmentText(config: SupportConfig, lang: ContentLanguage): string {
  const w = words[lang];
  const rule = marketOf(config, lang).firstReply;
  if (rule.model === 'queue') return w.replyQueue;
  const covered = new Set<string>(rule.departments);
  const names = (inside: boolean) => config.departments.filter((d) => covered.has(d.key) === inside).map((d) => d.name[lang]);
  return w.replyWithin({ days: rule.days, condition: rule.condition[lang], covered: names(true), uncovered: names(false) });
}

/** `<TicketClosing />`: automatic closing after days without the customer's reply; undefined where the market states none. */
export function ticketClosingText(config: SupportConfig, lang: ContentLanguage): string | undefined {
  const closing = marketOf(config, lang).ticketClosing;
  return closing && words[lang].ticketClosing(closing.daysWithoutCustomerReply);
}

/** `<Duplicates />`: what a second ticket about the same problem does (and does not) change. */
export function duplicatesText(config: SupportConfig, lang: ContentLanguage): string {
  return words[lang].duplicates[marketOf(config, lang).duplicates];
}

/** One line of `<Channels />`: channels with the same scope and uses share it ("Telefone e chat"). */
export interface ChannelLine {
  channels: ChannelKey[];
  label: string;
  text: string;
  /** The requests a basic channel takes, as customers say them. */
  uses: string[];
}

/** `<Channels />`: each channel the market offers, what it takes, and a closing sentence on tickets. */
export function channelsText(config: SupportConfig, lang: ContentLanguage): { lines: ChannelLine[]; note?: string } {
  const w = words[lang];
  const { channels } = marketOf(config, lang);
  const offered = (['ticket', 'phone', 'chat'] as const).flatMap((key) => {
    const channel = channels[key];
    return channel ? [{ key, scope: channel.scope, uses: channel.scope === 'basic' ? channel.uses.map((u) => u[lang]) : [] }] : [];
  });
  const groups: { signature: string; line: ChannelLine }[] = [];
  for (const { key, scope, uses } of offered) {
    // Phone and chat for the same requests read as one line; tickets always stand alone.
    const signature = key === 'ticket' ? 'ticket' : `${scope}\n${uses.join('\n')}`;
    const group = groups.find((g) => g.signature === signature);
    if (group) group.line.channels.push(key);
    else groups.push({ signature, line: { channels: [key], label: '', text: scopeText(scope, key === 'ticket', w), uses } });
  }
  const lines = groups.map(({ line }) => {
    const label = w.and(line.channels.map((c) => w.channelNames[c]));
    return { ...line, label: label.charAt(0).toUpperCase() + label.slice(1) };
  });
  const others = offered.filter((c) => c.key !== 'ticket');
  let note: string | undefined;
  if (channels.ticket.scope === 'everything' && others.length > 0) {
    if (others.every((c) => c.scope === 'commercial')) note = w.channelsOnlyTicket;
    else if (others.some((c) => c.scope !== 'everything')) note = w.channelsRestByTicket;
  }
  return note ? { lines, note } : { lines };
}

function scopeText(scope: ChannelScope, isTicket: boolean, w: PolicyWords): string {
  return scope === 'everything' ? w.channelScope.everything(isTicket) : w.channelScope[scope];
}

/** `<PaidSupport />`: the market's paid terms, one paragraph per string. */
export function paidSupportText(config: SupportConfig, lang: ContentLanguage): string[] {
  const w = words[lang];
  const market = marketOf(config, lang);
  const paid = market.paidSupport;
  const paragraphs: string[] = [];
  if (paid.model === 'per-request') {
    paragraphs.push(w.paidPerRequest({ price: formatPrice(paid.price, market.currency, lang), maxMinutes: paid.maxMinutes }));
    if (paid.prepaid) paragraphs.push(w.prepaid);
  } else {
    paragraphs.push(w.paidCredits({ pack: paid.packName, validityDays: paid.validityDays, terms: w.terms(paid) }));
    if (!paid.costKnownInAdvance) paragraphs.push(w.costNotKnown);
  }
  if (paid.requires.length) paragraphs.push(w.requires(paid.requires.map((r) => w.requirement[r])));
  return paragraphs;
}

/** `<Price />`: the average price of one paid solution ("R$ 15,00"), or the credit pack's name where work is paid in credits. */
export function priceText(config: SupportConfig, lang: ContentLanguage): string {
  const market = marketOf(config, lang);
  const paid = market.paidSupport;
  return paid.model === 'per-request' ? formatPrice(paid.price, market.currency, lang) : paid.packName;
}

/** A topic key that support.yaml does not have. */
export class UnknownTopicError extends Error {
  override name = 'UnknownTopicError';
  readonly topic: string;
  constructor(topic: string, known: readonly string[]) {
    super(`<Included topic="${topic}" />: expected a topic key from support.yaml (${known.join(', ')}), found "${topic}"`);
    this.topic = topic;
  }
}

/** Every topic key of support.yaml, in its order. */
export function topicKeysOf(config: SupportConfig): string[] {
  return config.departments.flatMap((d) => d.topics.map((t) => t.key));
}

function paidPhrase(market: Market, w: PolicyWords): string {
  const paid = market.paidSupport;
  return w.tier.paid(paid.model, paid.model === 'credits' ? paid.packName : '');
}

/** `<Included topic="dns" />`: the topic's tier in the market as a short phrase; throws UnknownTopicError for a key support.yaml lacks. */
export function includedText(config: SupportConfig, lang: ContentLanguage, topic: string): string {
  const w = words[lang];
  const market = marketOf(config, lang);
  const found = config.departments.flatMap((d) => d.topics).find((t) => t.key === topic);
  if (!found) throw new UnknownTopicError(topic, topicKeysOf(config));
  const tier: SupportTier = found.tier[marketKeyOf(config, lang)];
  return tier === 'paid' ? paidPhrase(market, w) : w.tier[tier];
}

/** `<AttachmentLimits />`: how many files, how large each and all together, which types. */
export function attachmentLimitsText(config: SupportConfig, lang: ContentLanguage): string {
  const { maxFiles, maxFileBytes, maxTotalBytes, allowedTypes } = config.attachments;
  return words[lang].attachments({
    maxFiles,
    perFile: formatBytes(maxFileBytes, lang),
    total: formatBytes(maxTotalBytes, lang),
    types: [...new Set(allowedTypes.map(typeLabel))],
  });
}

/** `<PlanChanges />`: resizing a plan and moving between platforms; undefined where the market states nothing. */
export function planChangesText(config: SupportConfig, lang: ContentLanguage): string | undefined {
  const changes = marketOf(config, lang).planChanges;
  const w = words[lang];
  return changes && `${w.planResize(changes.resizePaid)} ${w.platformMove(changes.platformMoveCopyPaid)}`;
}

/** `<Backups />`: which backup work is paid and whether availability is checked first; undefined where none is paid. */
export function backupsText(config: SupportConfig, lang: ContentLanguage): string | undefined {
  const market = marketOf(config, lang);
  const w = words[lang];
  const actions = (['generate', 'restore'] as const).filter((a) => market.backups.paid.includes(a));
  if (actions.length === 0) return undefined;
  const text = w.backupsPaid(actions, paidPhrase(market, w));
  return market.backups.availabilityChecked ? `${text} ${w.backupAvailability}` : text;
}

/** `<MaintenancePlans />`: what maintenance plans cover and which include extraordinary assistance; undefined where the market sells none. */
export function maintenancePlansText(config: SupportConfig, lang: ContentLanguage): string | undefined {
  const plans = marketOf(config, lang).maintenancePlans;
  if (plans.length === 0) return undefined;
  return words[lang].maintenancePlans(plans.filter((p) => p.extraordinaryAssistance).map((p) => p.name));
}

/** `<SupportPlans />`: how long support plans and credits last and on what terms; undefined where the market sells none. */
export function supportPlansText(config: SupportConfig, lang: ContentLanguage): string | undefined {
  const plans = marketOf(config, lang).supportPlans;
  const w = words[lang];
  return plans && w.supportPlans({ validityDays: plans.validityDays, terms: w.terms(plans) });
}
