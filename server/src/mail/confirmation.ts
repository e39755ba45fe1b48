/**
 * The confirmation e-mail a customer gets when the server accepted a ticket and no forwarder sends
 * its own: number, summary, what the market's policy says of a first reply (in the widget's words),
 * status link and the ticket etiquette, in the ticket's language. Pure: the SMTP side lives in smtp.ts.
 */
import type { UiLanguage } from '../../../core/contract/locales.ts';
import type { Market } from '../../../core/contract/support-config.ts';
import { format } from '../../../core/i18n/format.ts';
import { replySentences } from '../../../core/i18n/reply-text.ts';
import { replyWordsEn, type ReplyWords } from '../../../core/i18n/reply-words.en.ts';
import { replyWordsIt } from '../../../core/i18n/reply-words.it.ts';
import { replyWordsPtBR } from '../../../core/i18n/reply-words.pt-BR.ts';
import { readReplyExpectation, type StoredTicket } from '../store/records.ts';
import { en, type ConfirmationMessages } from './i18n/en.ts';
import { it } from './i18n/it.ts';
import { ptBR } from './i18n/pt-BR.ts';

const dictionaries: Record<UiLanguage, ConfirmationMessages> = { 'pt-BR': ptBR, it, en };
const replyWords: Record<UiLanguage, ReplyWords> = { 'pt-BR': replyWordsPtBR, it: replyWordsIt, en: replyWordsEn };

export interface ConfirmationOptions {
  /** The customer's status page for this ticket (number and token in the fragment). */
  statusUrl: string;
  company: { name: string };
  /** The ticket's market: its clock, its first-reply rule (whose condition is read in its language), duplicates and closing. */
  market: Pick<Market, 'timeZone' | 'language' | 'firstReply' | 'duplicates' | 'ticketClosing'>;
  /** Department and priority names from the support config, in the ticket's language; built-in names otherwise. */
  names?: { department?: string; priority?: string };
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** How much of the customer's message the summary quotes. */
const excerptLines = 4;
const excerptChars = 400;

/** Composes the confirmation of a stored (already redacted) ticket. */
export function composeConfirmation(stored: StoredTicket, options: ConfirmationOptions): ComposedMail {
  const { ticket, number } = stored;
  const lang = ticket.lang;
  const m = dictionaries[lang];
  const statusUrl = checkedStatusUrl(options.statusUrl);
  const values = {
    number,
    name: oneLine(ticket.customer.name),
    // Headers and one-line fields must not carry line breaks, whatever a client sent.
    subject: oneLine(ticket.subject),
    company: options.company.name,
    url: statusUrl,
    days: options.market.ticketClosing?.daysWithoutCustomerReply,
  };
  const say = (template: string) => format(template, values);
  const { market } = options;
  // Said as of the moment the ticket arrived: "attending now" was true then.
  const reply = replySentences(readReplyExpectation(stored.expectedReplyBy, market.firstReply, market.timeZone, stored.createdAt), {
    lang,
    timeZone: market.timeZone,
    words: replyWords[lang],
    at: new Date(stored.createdAt),
    ...(market.firstReply.model === 'calendar-days' ? { condition: market.firstReply.condition[market.language] } : {}),
  }).join(' ');
  const summary: [label: string, value: string][] = [
    [m.number, number],
    [m.department, options.names?.department ?? m.departments[ticket.department]],
    [m.priority, options.names?.priority ?? m.priorities[ticket.priority]],
    [m.subjectLabel, values.subject],
  ];
  const excerpt = messageExcerpt(ticket.message);
  const tips = [
    say(m.tipReply),
    market.duplicates === 'closed' ? `${m.tipDuplicate} ${m.tipDuplicateClosed}` : m.tipDuplicate,
    ...(market.ticketClosing ? [say(m.tipClosing)] : []),
    say(m.tipPasswords),
  ];

  const text = [
    say(m.greeting),
    say(m.received),
    [m.summary, ...summary.map(([label, value]) => `${label}: ${value}`), `${m.message}:`, ...excerpt.map((line) => `> ${line}`)].join('\n'),
    ...(reply ? [reply] : []),
    say(m.followText),
    ...(stored.redacted ? [m.redacted] : []),
    [m.tips, ...tips.map((tip) => `- ${tip}`)].join('\n'),
    // "-- " is the signature delimiter mail clients recognise.
    `${say(m.signature)}\n\n-- \n${m.automatic}`,
  ].join('\n\n');

  // Webmail drops <html lang>, so the wrapper repeats the language and gives screen readers an article landmark.
  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const h2 = (content: string) => `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(content)}</h2>`;
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(say(m.subject))}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff">
<div role="article" aria-label="${escapeHtml(say(m.subject))}" lang="${lang}" style="max-width:600px;margin:0 auto;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">
${p(escapeHtml(say(m.greeting)))}
${p(escapeHtml(say(m.received)))}
${h2(m.summary)}
<table style="border-collapse:collapse;margin:0 0 16px">
${summary.map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
${p(`<strong>${escapeHtml(m.message)}</strong>`)}
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d0d7de;color:#3d444d">${excerpt.map(escapeHtml).join('<br>\n')}</blockquote>
${reply ? p(escapeHtml(reply)) : ''}
${p(`<a href="${escapeHtml(statusUrl)}" style="color:#0550ae;font-weight:bold">${escapeHtml(say(m.follow))}</a>`)}
${stored.redacted ? p(escapeHtml(m.redacted)) : ''}
${h2(m.tips)}
<ul style="margin:0 0 16px;padding-left:24px">
${tips.map((tip) => `<li style="margin:0 0 8px">${escapeHtml(tip)}</li>`).join('\n')}
</ul>
${p(escapeHtml(say(m.signature)))}
<p style="margin:24px 0 0;font-size:14px;color:#59636e">${escapeHtml(m.automatic)}</p>
</div>
</body>
</html>
`;

  return { subject: say(m.subject), text, html };
}

/** The first lines of the customer's message, cut at a word with an ellipsis when there is more. */
function messageExcerpt(message: string): string[] {
  const lines = message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const kept: string[] = [];
  let budget = excerptChars;
  for (const line of lines.slice(0, excerptLines)) {
    if (line.length <= budget) {
      kept.push(line);
      budget -= line.length;
      continue;
    }
    const cut = line.slice(0, budget);
    const atWord = cut.lastIndexOf(' ');
    kept.push(`${(atWord > budget / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`);
    return kept;
  }
  if (lines.length > kept.length && kept.length > 0) kept[kept.length - 1] += ' …';
  return kept;
}

/**
 * A status link the server cannot send: a setting is wrong, and the same setting fails every retry.
 * Its message names what was found without the fragment, which holds the ticket's read token.
 */
export class StatusLinkError extends Error {
  override name = 'StatusLinkError';
}

/** The status link goes into an href: only http(s), so a bad setting cannot become a javascript: link. */
export function checkedStatusUrl(url: string): string {
  const protocol = URL.parse(url)?.protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new StatusLinkError(`statusUrl: expected an http(s) URL (check PUBLIC_URL), found "${url.split('#')[0] ?? ''}#…"`);
  }
  return url;
}

/** A header or one-line field: no line breaks, whatever a client sent. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}
