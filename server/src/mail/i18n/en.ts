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
  follow: 'Follow your ticket {number}',
  followText: 'Follow your ticket: {url}',
  redacted:
    'Something that looked like a password, a key or a card number was removed automatically from your ticket when it arrived. If you had already shared it anywhere, change it.',
  tips: 'Good to know',
  tipReply: 'To add information, reply to this e-mail or write inside the ticket, keeping {number} in the subject.',
  tipDuplicate: 'Please do not open a new ticket about the same problem: a second ticket does not speed anything up.',
  tipDuplicateClosed: 'It is closed.',
  tipClosing: 'When we ask you for information, reply within {days} days: a ticket without a reply from you for {days} days is closed automatically.',
  tipPasswords:
    'Never send passwords, by e-mail or in the ticket: {company} will never ask for them. If we need access, we will tell you how to give it safely.',
  signature: 'The {company} support team',
  automatic: 'This message was sent automatically, but replies reach our team.',
};

export type ConfirmationMessages = typeof en;
