/**
 * What an agent reads in the helpdesk: the customer's words first, then the exact error, then the
 * facts the widget collected. One composition, rendered as Markdown (WHMCS), plain text (Zendesk)
 * or HTML (Freshdesk), so every helpdesk shows the same ticket.
 */
import type { StoredTicket } from '../store/records.ts';

export type MessageFormat = 'markdown' | 'text' | 'html';

export interface ComposeOptions {
  /** Extra lines a forwarder needs to add (e.g. "attachments were too large to forward"). */
  notes?: string[];
}

/** The ticket's subject with its number, so agents can find it from either system. */
export function composeSubject(stored: StoredTicket): string {
  return `${stored.ticket.subject} [${stored.number}]`;
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

function markdown(stored: StoredTicket, options: ComposeOptions): string {
  const { ticket } = stored;
  const parts = [ticket.message];
  if (ticket.errorMessage) {
    const fence = fenceFor(ticket.errorMessage);
    parts.push(`**Exact error message**\n\n${fence}\n${ticket.errorMessage}\n${fence}`);
  }
  parts.push(ticketFacts(stored).map(([label, value]) => `- **${label}:** ${value}`).join('\n'));
  const notes = warnings(stored, options);
  if (notes.length) parts.push(notes.map((note) => `> ${note}`).join('\n>\n'));
  return parts.join('\n\n');
}

function plainText(stored: StoredTicket, options: ComposeOptions): string {
  const { ticket } = stored;
  const parts = [ticket.message];
  if (ticket.errorMessage) parts.push(`Exact error message:\n${ticket.errorMessage}`);
  parts.push(`----\n${ticketFacts(stored).map(([label, value]) => `${label}: ${value}`).join('\n')}`);
  const notes = warnings(stored, options);
  if (notes.length) parts.push(notes.map((note) => `NOTE: ${note}`).join('\n'));
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
