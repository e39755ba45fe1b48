/** The confirmation e-mail in English, for customers whose language support-kit has no content in. */
import { keyNamesEn } from '../../../../core/i18n/key-names.en.ts';

export const en = {
  subject: '[{number}] We received your ticket: {subject}',
  greeting: 'Hello {name},',
  received: 'We received your ticket and it is now in our support queue. Its number is {number}.',
  summary: 'Summary',
  number: 'Number',
  department: 'Department',
  priority: 'Priority',
  subjectLabel: 'Subject',
  message: 'Message',
  ...keyNamesEn,
  expectReply: 'Expected first reply: {when}.',
  follow: 'Follow your ticket {number}',
  followText: 'Follow your ticket: {url}',
  redacted:
    'We removed something that looked like a password, a key or a card number from your ticket. If you had already shared it anywhere, change it.',
  tips: 'Good to know',
  tipReply: 'To add information, reply to this e-mail or write inside the ticket, keeping {number} in the subject.',
  tipDuplicate:
    'Please do not open a new ticket about the same problem: a second ticket does not speed anything up, it only slows the queue down.',
  tipPasswords:
    'Never send passwords, by e-mail or in the ticket: {company} will never ask for them. If we need access, we will tell you how to give it safely.',
  signature: 'The {company} support team',
  automatic: 'This message was sent automatically, but replies reach our team.',
};

export type ConfirmationMessages = typeof en;
