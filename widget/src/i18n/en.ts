/**
 * The widget's English strings: the fallback for every language the KB does not have, and the
 * shape the other dictionaries must match (a missing key fails type checking). `{name}` placeholders
 * are filled by `format()`.
 */
import { fieldErrorsEn } from '../../../core/i18n/field-errors.en.ts';
import { keyNamesEn } from '../../../core/i18n/key-names.en.ts';
import { replyWordsEn } from '../../../core/i18n/reply-words.en.ts';
import { firstStepEn, type Widen } from './first-step.ts';

export const en = {
  ...firstStepEn,
  back: 'Back',
  required: 'required',
  deflected: {
    heading: 'Glad it is solved!',
    body: 'Thank you for checking the article. Nothing was sent, and you can come back any time.',
    again: 'Start over',
    undo: 'No, I still need help',
  },
  department: {
    heading: 'Which department should handle it?',
    topic: 'What is it about?',
    included: 'Included in your plan at no extra cost.',
    ours: 'Free if the cause is ours.',
    oursAfterChange: 'Since it started after a change of yours, the cause may be there: then it is paid support. If the cause is ours, it is free.',
    costConfirmed: 'Support finds the cause and confirms the cost before charging anything.',
    changed: 'Did the problem start after a change you made (a plugin, a setting, the site’s code)?',
    changedAnswers: { yes: 'Yes', no: 'No', unsure: 'I don’t know' },
    paidPerRequest: 'This is advanced support: about {price} per solved request when it takes under {minutes} minutes; longer work gets a quote first. Payment comes before the work starts.',
    paidCredits: 'This is outside the standard scope: it is done with {pack} credit packs, bought in advance, valid for {days} days and not refundable.',
    costUnknown: 'The cost cannot always be known in advance.',
    quoted: 'This work is always quoted first; nothing is charged before you accept the quote.',
    understand: 'I understand the cost and want to go on',
  },
  details: {
    heading: 'Tell us the details',
    service: 'Related service',
    serviceHint: 'The hosting plan or domain the ticket is about.',
    serviceChoose: 'Choose a service',
    domain: 'Domain or IP address',
    domainHint: 'e.g. example.com.br, pão.com.br or 203.0.113.10',
    panelUser: 'Control panel user name',
    panelUserHint: 'Never your password: support will never ask for it.',
    priority: 'Priority',
    serviceDown: 'The service is down for everyone (a real emergency)',
    highReason: 'In one line: what is down?',
    message: 'Message',
    messageHint: 'What happened, the steps that lead to it, since when, and the address (URL) where it happens.',
    steps: 'Steps that lead to the problem',
    screenshotNeeded: 'A screenshot of the problem is required.',
    errorMessage: 'Exact error message',
    errorMessageHint: 'Copy and paste it as it appears: it is the most useful thing you can give us.',
    attachments: 'Attachments',
    attachmentsHint: 'Screenshots or logs: up to {files} files, {fileSize} each, {totalSize} in total ({types}). You can also paste a screenshot.',
    addFiles: 'Add files',
    dropHere: 'or drop them here',
    remove: 'Remove {name}',
  },
  contact: {
    heading: 'How can we reach you?',
    name: 'Your name',
    email: 'E-mail',
    emailHint: 'The confirmation and the replies go there.',
    didYouMean: 'Did you mean {suggestion}?',
    privacy: 'How we handle your data',
  },
  review: {
    heading: 'Check and send',
    edit: 'Edit',
    editLabel: 'Edit {section}',
    send: 'Send ticket',
    sending: 'Sending your ticket…',
    retrying: 'Connection problem. Trying again (attempt {attempt})…',
    waiting: 'The server asked us to wait. Trying again in {seconds} s…',
    gaveUp: 'We could not reach the server. Your ticket is saved here: try again when you are back online.',
    rateLimited: 'Too many tickets from this connection. Please try again in {minutes} min.',
    rejected: 'The ticket was not accepted. Please check the fields marked below.',
    retry: 'Try again',
    duplicate: 'You sent a similar ticket ({number}) to this department on {date}. A second ticket does not speed anything up: you can add information to the first one instead.',
    secrets: 'Please remove what looks like a {kind} before sending: tickets are read by several people and kept for a long time. Change it if you already shared it.',
    draftNotSaved: 'This browser does not keep drafts: do not reload the page until you send.',
    frozen: 'Your ticket is saved exactly as shown and will be sent as it is: it may already have reached us, so it cannot be changed now. Add anything new in a reply once you have the ticket number.',
    attachmentsNone: 'No attachments',
  },
  done: {
    heading: 'Ticket {number} is open',
    email: 'A confirmation with the ticket number is on its way to {email}.',
    noEmail: 'Note the ticket number: no confirmation e-mail is sent.',
    follow: 'Follow your ticket',
    etiquette: 'Reply inside this ticket (not with a new one) and add information to it as it comes: a second ticket about the same problem only slows the queue down.',
    another: 'Open another ticket',
  },
  draft: {
    restored: 'Draft of {date} restored.',
    cut: 'Passwords and keys are never saved: check {fields}.',
    discard: 'Discard draft',
  },
  configFailed: 'Topics and prices could not be loaded. Your draft is kept; we will try again.',
  reply: replyWordsEn,
  ...keyNamesEn,
  secretKinds: { password: 'password', 'private-key': 'private key', token: 'access token', card: 'card number' },
  errors: fieldErrorsEn,
} as const;

/** The shape every dictionary has. */
export type Messages = Widen<typeof en>;
