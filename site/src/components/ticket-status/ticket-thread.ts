/**
 * What the status page says about a ticket's life: each history entry as the customer reads it
 * (created, answered, waiting on you, your replies, support's replies, closed, reopened), and the
 * words of the reply form and the close dialog. Pure: the island formats times and fills the DOM.
 */
import type { TicketEvent, TicketStatus, TicketStatusAnswer } from '../../../../core/contract/ticket-status.ts';
import type { PluralForms } from '../../../../core/i18n/format.ts';
import { format, plural } from '../../../../core/i18n/format.ts';

/** The page language's words for the timeline, the reply form and closing (site/src/i18n/ui.ts). */
export interface ThreadWords {
  created: string;
  reopened: string;
  waiting: string;
  answered: string;
  closed: string;
  closedByYou: string;
  youReplied: string;
  supportReplied: string;
  /** `{time}`: support replied where the helpdesk keeps the text to itself. */
  supportRepliedAt: string;
  attachments: PluralForms;
  /** `{helpdesk}`, `{number}`: the helpdesk's own number, next to ours. */
  helpdeskNumber: string;
  /** `{date}`: the day a ticket waiting on the customer closes by itself. */
  closesOn: string;
  replyCount: string;
  replyTooShort: string;
  replyTooLong: string;
  /** `{files}`, `{types}`, `{fileSize}`, `{totalSize}`: the attachment policy. */
  filesHint: string;
  removeFile: string;
  /** `{name}`, `{reason}`: a file turned away. */
  fileError: string;
  /** Why a file is turned away, by the policy's rejection code (core/i18n/field-errors). */
  fileReasons: Record<'type' | 'too-big' | 'too-many' | 'total-too-big', string>;
  sending: string;
  sent: string;
  sentReopened: string;
  redacted: string;
  failed: string;
  rateLimited: string;
  tooLarge: string;
  /** A reply to a ticket closed for good. */
  newTicketNeeded: string;
  closing: string;
  closedDone: string;
  closeFailed: string;
  noteTooLong: string;
  /** `{title}`: said when the page finds news on its own (support replied, the status moved). */
  news: string;
}

export interface ThreadItem {
  at: string;
  /** The ticket's status after the entry: the item's badge. */
  status: TicketStatus;
  title: string;
  /** The note with a change, or a reply's text, or "support replied at <time>". */
  text?: string;
  /** "2 anexos". */
  attachments?: string;
  /** Whose words `text` holds: a reply is quoted as the customer's or support's. */
  by?: 'customer' | 'support';
}

/** Helpdesk names as their makers write them; another forwarder's name is shown as given. */
const helpdeskNames: Record<string, string> = { whmcs: 'WHMCS', zendesk: 'Zendesk', freshdesk: 'Freshdesk', webhook: 'Helpdesk' };

export function helpdeskLabel(helpdesk: TicketStatusAnswer['helpdeskNumber'], words: ThreadWords): string {
  if (!helpdesk) return '';
  return format(words.helpdeskNumber, { helpdesk: helpdeskNames[helpdesk.helpdesk.toLowerCase()] ?? helpdesk.helpdesk, number: helpdesk.number });
}

/**
 * The history as the customer reads it, newest first. `time` formats a moment on the market's
 * clock, named ("20 de novembro de 2026 às 10:05 (horário de Brasília)").
 */
export function threadItems(
  history: readonly Partial<TicketEvent>[],
  options: { words: ThreadWords; statuses: Record<string, string>; lang: string; time: (iso: string) => string },
): ThreadItem[] {
  const { words, statuses, lang, time } = options;
  const oldestFirst = history
    .filter((entry): entry is Partial<TicketEvent> & { at: string; status: TicketStatus } => typeof entry.at === 'string' && typeof entry.status === 'string')
    .map((entry, index) => ({ entry, index }))
    // The helpdesk's timestamps order the story; equal times keep the server's order.
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
  let before: TicketStatus | undefined;
  const items = oldestFirst.map((entry, index): ThreadItem => {
    const kind = entry.kind ?? 'status';
    const reopened = before === 'closed' && entry.status !== 'closed';
    const item: ThreadItem = { at: entry.at, status: entry.status, title: '' };
    if (entry.attachments) item.attachments = plural(lang, words.attachments, entry.attachments);
    if (kind === 'customer-reply') {
      item.title = reopened ? `${words.youReplied} · ${words.reopened}` : words.youReplied;
      item.by = 'customer';
      if (entry.message) item.text = entry.message;
    } else if (kind === 'agent-reply') {
      item.title = words.supportReplied;
      item.by = 'support';
      // Only where the helpdesk lets its text be shown; otherwise the customer learns that and when.
      item.text = entry.message || format(words.supportRepliedAt, { time: time(entry.at) });
    } else {
      item.title =
        index === 0 && entry.status === 'open' ? words.created
        : entry.status === 'closed' ? (entry.by === 'customer' ? words.closedByYou : words.closed)
        : reopened ? words.reopened
        : entry.status === 'waiting-customer' ? words.waiting
        : entry.status === 'answered' ? words.answered
        : (statuses[entry.status] ?? entry.status);
      if (entry.note) item.text = entry.note;
    }
    before = entry.status;
    return item;
  });
  // What happened last is what the customer came to see.
  return items.reverse();
}

/**
 * What a later read of the ticket brought that the page did not show: its newest entry, said in
 * words, when the history grew or the status moved; nothing when all is as shown.
 */
export function ticketNews(
  before: { status: string; history?: readonly unknown[] | undefined },
  after: { status: string; history?: readonly unknown[] | undefined },
  newest: ThreadItem | undefined,
  options: { words: ThreadWords; statuses: Record<string, string> },
): string | undefined {
  const grew = (after.history?.length ?? 0) > (before.history?.length ?? 0);
  if (!grew && after.status === before.status) return undefined;
  return format(options.words.news, { title: (grew && newest?.title) || (options.statuses[after.status] ?? after.status) });
}

const typeNames: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/pdf': 'PDF',
  'text/plain': 'TXT',
};

/** "PNG, JPEG, PDF ou TXT": the allowed types as a customer knows them. */
export function typeList(allowedTypes: readonly string[], lang: string): string {
  const names = [...new Set(allowedTypes.map((t) => typeNames[t] ?? t.split('/')[1]?.toUpperCase() ?? t))];
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(names);
}
