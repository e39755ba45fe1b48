/**
 * What an agent reads in the helpdesk: the customer's words first, then the exact error, then the
 * facts the widget collected. One composition, rendered as Markdown (WHMCS), plain text (Zendesk)
 * or HTML (Freshdesk), so every helpdesk shows the same ticket.
 */
import type { StoredTicket } from '../store/records.ts';
import type { OutgoingClose } from './forwarder.ts';

export type MessageFormat = 'markdown' | 'text' | 'html';

export interface ComposeOptions {
  /** Extra lines a forwarder needs to add (e.g. "attachments were too large to forward"). */
  notes?: string[];
}

/**
 * Customer text on one line: line breaks (including U+2028/2029 and NEL) and other control
 * characters become spaces, and bidi controls are dropped. A fact's value must stay on its own line,
 * or a name such as "Ana\n- **Identity:** verified customer 1" would add a line of its own to the
 * facts an agent trusts.
 */
export function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- replacing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}

/**
 * Customer text as Markdown that shows it as typed: no link, image, emphasis, heading, list, quote,
 * table or raw HTML of the customer's making, so "![](https://tracker…)" loads nothing in the
 * agent's browser and "[Reset here](https://evil…)" reads as the text it is. Backslash escapes
 * (CommonMark and Parsedown, which WHMCS uses) for Markdown syntax; entities for HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'))
    .replace(/[\\`*_[\]#+|~>!]/g, '\\$&')
    .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^([ \t]*)([-=])/gm, '$1\\$2');
}

/** The ticket's subject with its number, so agents can find it from either system. */
export function composeSubject(stored: StoredTicket): string {
  return `${oneLine(stored.ticket.subject)} [${stored.number}]`;
}

/** The labelled facts under the customer's message, in reading order. */
export function ticketFacts(stored: StoredTicket): Array<[label: string, value: string]> {
  const { ticket } = stored;
  const facts: Array<[string, string]> = [['Ticket', `${stored.number} (support-kit)`]];
  facts.push(['Department', ticket.topic ? `${ticket.department} / ${ticket.topic}` : ticket.department]);
  facts.push([
    'Priority',
    ticket.high ? `${ticket.priority}: the customer reports a service down: ${ticket.high.reason}` : ticket.priority,
  ]);
  if (ticket.domain) facts.push(['Domain', ticket.domain]);
  if (ticket.service) facts.push(['Service', ticket.service]);
  if (ticket.panelUser) facts.push(['Control-panel user', ticket.panelUser]);
  facts.push(['Customer', `${ticket.customer.name} <${ticket.customer.email}>`]);
  facts.push([
    'Identity',
    stored.verifiedCustomerId
      ? `verified customer ${stored.verifiedCustomerId} (signed customer token)`
      : 'UNVERIFIED customer: name and e-mail were typed in the form, without a signed customer token',
  ]);
  facts.push(['Language', ticket.lang]);
  if (ticket.paidAcknowledged) facts.push(['Paid support', 'the customer accepted the paid-support terms']);
  // Free when the cause is ours: the customer's word on a change of theirs, for the agent who decides the cause.
  if (ticket.changedBefore) facts.push(['Started after a change by the customer', { yes: 'yes, says the customer', no: 'no, says the customer', unsure: 'the customer does not know' }[ticket.changedBefore]]);
  if (ticket.deflection) {
    const suggested = ticket.deflection.suggested.length ? `; suggested: ${ticket.deflection.suggested.join(', ')}` : '';
    facts.push(['Searched the knowledge base for', `"${ticket.deflection.query}"${suggested}`]);
  }
  if (ticket.client.pageUrl) facts.push(['Sent from', ticket.client.pageUrl]);
  facts.push(['Received', stored.createdAt]);
  facts.push(['Reply expected by', stored.expectedReplyBy]);
  if (stored.attachments.length) {
    facts.push(['Attachments', stored.attachments.map((a) => `${a.name} (${a.type}, ${a.size} bytes)`).join('; ')]);
  }
  return facts;
}

/** Notes an agent must not miss: redaction and anything the forwarder adds. */
function warnings(stored: StoredTicket, options: ComposeOptions): string[] {
  const list: string[] = [];
  if (stored.redacted) {
    list.push('Secrets (passwords, keys, tokens or card numbers) were redacted from this ticket before it was stored.');
  }
  if (!stored.verifiedCustomerId) list.push('Unverified customer: confirm the identity before sharing account details.');
  return list.concat(options.notes ?? []);
}

/** A code fence longer than any backtick run in the text, so pasted output cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The full message in the given format. */
export function composeMessage(stored: StoredTicket, format: MessageFormat, options: ComposeOptions = {}): string {
  const text = format === 'markdown' ? markdown(stored, options) : plainText(stored, options);
  return format === 'html' ? textToHtml(text) : text;
}

// Every value and note is customer text or may contain some (a service name in a WHMCS note): all are escaped.
function markdown(stored: StoredTicket, options: ComposeOptions): string {
  const { ticket } = stored;
  const parts = [escapeMarkdown(ticket.message)];
  if (ticket.errorMessage) {
    // Inside a fence nothing renders; fenceFor keeps the text from closing it.
    const fence = fenceFor(ticket.errorMessage);
    parts.push(`**Exact error message**\n\n${fence}\n${ticket.errorMessage}\n${fence}`);
  }
  parts.push(ticketFacts(stored).map(([label, value]) => `- **${label}:** ${escapeMarkdown(oneLine(value))}`).join('\n'));
  const notes = warnings(stored, options);
  if (notes.length) parts.push(notes.map((note) => `> ${escapeMarkdown(oneLine(note))}`).join('\n>\n'));
  return parts.join('\n\n');
}

function plainText(stored: StoredTicket, options: ComposeOptions): string {
  const { ticket } = stored;
  const parts = [ticket.message];
  if (ticket.errorMessage) parts.push(`Exact error message:\n${ticket.errorMessage}`);
  parts.push(`----\n${ticketFacts(stored).map(([label, value]) => `${label}: ${oneLine(value)}`).join('\n')}`);
  const notes = warnings(stored, options);
  if (notes.length) parts.push(notes.map((note) => `NOTE: ${oneLine(note)}`).join('\n'));
  return parts.join('\n\n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Plain text as HTML that shows the same: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/**
 * The agents' note when a ticket is closed on our side (in English, like the other notes support-kit
 * adds for agents): who closed it and why, and the customer's own words where they left some.
 */
export function closeNote(close: OutgoingClose): string {
  const who = {
    customer: 'The customer closed this ticket on the support-kit status page.',
    support: 'An agent closed this ticket in the support-kit console.',
    'no-reply': 'support-kit closed this ticket automatically: it waited on the customer longer than the market allows.',
  }[close.reason];
  if (!close.note) return who;
  return close.reason === 'customer' ? `${who}\n\nTheir words: ${close.note}` : `${who}\n\n${close.note}`;
}
