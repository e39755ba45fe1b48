/**
 * What a customer reads about a first reply, in English: the widget, the confirmation e-mail and
 * the status page say it in these words (see reply-text.ts). The shape every language must match.
 */
export const replyWordsEn = {
  /** A queue (Brazil): no deadline is given, by policy. */
  queue: 'No reply time is set: tickets are answered as soon as possible, in order of arrival, and urgency does not jump the queue.',
  attending: 'Support is attending now.',
  nextOpening: 'Next business opening: {when}.',
  /** A commitment (Italy), not a guarantee; `{condition}` is the market's, e.g. "for customers with one of our hosting plans". */
  byDate: { one: 'We commit to replying within {count} day (by {date}) {condition}.', other: 'We commit to replying within {count} days (by {date}) {condition}.' },
  /** How people name a market's clock; other zones get the platform's name. */
  zones: { 'America/Sao_Paulo': 'Brasília time', 'Europe/Rome': 'Italian time' } as Record<string, string>,
};

export type ReplyWords = typeof replyWordsEn;
