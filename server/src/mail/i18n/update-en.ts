/** The e-mail about support's news on a ticket (a status change, a reply), in English. */
import type { TicketStatus } from '../../../../core/contract/ticket-status.ts';

export const updateEn = {
  statuses: {
    open: 'Open',
    'in-review': 'In review',
    'in-progress': 'In progress',
    'waiting-customer': 'Waiting for your reply',
    answered: 'Answered',
    closed: 'Closed',
  } satisfies Record<TicketStatus, string>,
  subjectReply: '[{number}] Support replied: {subject}',
  subjectStatus: '[{number}] Your ticket is now “{status}”: {subject}',
  subjectClosed: '[{number}] Your ticket was closed: {subject}',
  greeting: 'Hello {name},',
  replied: 'Support replied to your ticket {number}.',
  repliedElsewhere: 'Support replied to your ticket {number}. Open your ticket to read it.',
  changed: 'The status of your ticket {number} is now “{status}”.',
  closed: 'Your ticket {number} was closed.',
  note: 'Note from support:',
  waiting: 'We need your reply to go on. Reply from the ticket page: without a reply from you, the ticket closes on {date}.',
  waitingNoClosing: 'We need your reply to go on. Reply from the ticket page.',
  reopen: 'If the problem is not solved, reply from the ticket page and it opens again.',
  newTicket: 'If the problem is not solved, open a new ticket and mention {number}.',
  follow: 'Open your ticket {number}',
  followText: 'Your ticket: {url}',
  passwords: 'Never send passwords in a reply: {company} will never ask for them.',
  signature: 'The {company} support team',
  automatic: 'This message was sent automatically. Reply from the ticket page so that your answer stays with the ticket.',
};

export type UpdateMessages = typeof updateEn;
