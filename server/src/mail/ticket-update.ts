/**
 * The e-mail a customer gets when support changes their ticket's status or replies to it, where
 * SMTP is set and no helpdesk mails its own: what happened, support's note or reply (already
 * redacted when it was stored), what the customer should do next (the day a ticket waiting on them
 * closes by itself), and the status link, in the ticket's language. Pure: smtp.ts sends it.
 */
import type { UiLanguage } from '../../../core/contract/locales.ts';
import type { TicketEvent } from '../../../core/contract/ticket-status.ts';
import { format } from '../../../core/i18n/format.ts';
import type { StoredTicket } from '../store/records.ts';
import { checkedStatusUrl, escapeHtml, oneLine, type ComposedMail } from './confirmation.ts';
import { updateEn, type UpdateMessages } from './i18n/update-en.ts';
import { updateIt } from './i18n/update-it.ts';
import { updatePtBR } from './i18n/update-pt-BR.ts';

const dictionaries: Record<UiLanguage, UpdateMessages> = { 'pt-BR': updatePtBR, it: updateIt, en: updateEn };

export interface UpdateMailOptions {
  /** The customer's status page for this ticket (number and token in the fragment). */
  statusUrl: string;
  company: { name: string };
  /** The day the ticket closes by itself while it waits on the customer (`YYYY-MM-DD`, the market's). */
  closesOn?: string | undefined;
  /** A reply to a closed ticket reopens it (else a new ticket is needed). */
  reopenable: boolean;
}

/** Composes the e-mail about one history entry of support's (a status change or an agent's reply). */
export function composeUpdate(stored: StoredTicket, entry: TicketEvent, options: UpdateMailOptions): ComposedMail {
  const lang = stored.ticket.lang;
  const m = dictionaries[lang];
  const url = checkedStatusUrl(options.statusUrl);
  const date = options.closesOn ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${options.closesOn}T12:00:00Z`)) : undefined;
  const values = {
    number: stored.number, name: oneLine(stored.ticket.customer.name), subject: oneLine(stored.ticket.subject),
    status: m.statuses[entry.status], company: options.company.name, url, ...(date ? { date } : {}),
  };
  const say = (template: string) => format(template, values);
  const reply = entry.kind === 'agent-reply';
  const subject = say(reply ? m.subjectReply : entry.status === 'closed' ? m.subjectClosed : m.subjectStatus);
  const lead = say(reply ? (entry.message ? m.replied : m.repliedElsewhere) : entry.status === 'closed' ? m.closed : m.changed);
  const quoted = reply ? entry.message : entry.note;
  const next =
    entry.status === 'closed' ? say(options.reopenable ? m.reopen : m.newTicket)
    : entry.status === 'waiting-customer' || entry.status === 'answered' ? say(date ? m.waiting : m.waitingNoClosing)
    : undefined;
  const quote = quoted ? quoted.split(/\r?\n/) : [];

  const text = [
    say(m.greeting),
    lead,
    ...(quote.length ? [[...(reply ? [] : [m.note]), ...quote.map((line) => `> ${line}`)].join('\n')] : []),
    ...(next ? [next] : []),
    say(m.followText),
    say(m.passwords),
    `${say(m.signature)}\n\n-- \n${m.automatic}`,
  ].join('\n\n');

  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff">
<div role="article" aria-label="${escapeHtml(subject)}" lang="${lang}" style="max-width:600px;margin:0 auto;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">
${p(escapeHtml(say(m.greeting)))}
${p(escapeHtml(lead))}
${quote.length ? `${reply ? '' : p(`<strong>${escapeHtml(m.note)}</strong>`)}<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d0d7de;color:#3d444d">${quote.map(escapeHtml).join('<br>\n')}</blockquote>` : ''}
${next ? p(escapeHtml(next)) : ''}
${p(`<a href="${escapeHtml(url)}" style="color:#0550ae;font-weight:bold">${escapeHtml(say(m.follow))}</a>`)}
${p(escapeHtml(say(m.passwords)))}
${p(escapeHtml(say(m.signature)))}
<p style="margin:24px 0 0;font-size:14px;color:#59636e">${escapeHtml(m.automatic)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
