/**
 * The sentences a customer reads about a first reply, built once for the widget, the confirmation
 * e-mail and the status page so that all three say the same thing in the same words, with the
 * market's clock named wherever a time is shown.
 */
import type { ReplyExpectation } from '../contract/reply-expectation.ts';
import { format, plural } from './format.ts';
import type { ReplyWords } from './reply-words.en.ts';

/** What the market's clock is called ("horário de Brasília"); a zone the words do not name is shown by its IANA name. */
export function zoneName(words: ReplyWords, timeZone: string): string {
  return words.zones[timeZone] ?? timeZone;
}

const weekdayAndTime: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };

/** A moment on the market's clock with the clock named: "segunda-feira, 16 de novembro às 09:00 (horário de Brasília)". */
export function zonedTime(at: Date, lang: string, timeZone: string, words: ReplyWords, options: Intl.DateTimeFormatOptions = weekdayAndTime): string {
  return `${new Intl.DateTimeFormat(lang, { ...options, hourCycle: 'h23', timeZone }).format(at)} (${zoneName(words, timeZone)})`;
}

/** A civil date ("2026-12-03") in words, read in UTC so no zone can move it to another day. */
export function longDate(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export interface ReplyTextOptions {
  lang: string;
  /** The market's zone, in which a next opening is shown. */
  timeZone: string;
  words: ReplyWords;
  /** Whom a commitment covers, in the customer's language (the market's `firstReply.condition`). */
  condition?: string;
  /** The moment the sentences speak of: an opening at or before it is now. */
  at: Date;
  /** false where the text is read later (the status page): once the opening has passed, "attending now" may no longer be true. */
  attending?: boolean;
}

/** The sentences for a reply expectation; none when the policy promises nothing. */
export function replySentences(expectation: ReplyExpectation | undefined, options: ReplyTextOptions): string[] {
  if (!expectation || expectation.kind === 'none') return [];
  const { lang, words } = options;
  if (expectation.kind === 'by-date') {
    const sentence = plural(lang, words.byDate, expectation.days, { date: longDate(expectation.date, lang), condition: options.condition ?? '' });
    return [sentence.replace(/\s+\.$/, '.')];
  }
  const opening = new Date(expectation.nextOpening);
  if (opening.getTime() > options.at.getTime()) return [words.queue, format(words.nextOpening, { when: zonedTime(opening, lang, options.timeZone, words) })];
  return options.attending === false ? [words.queue] : [words.queue, words.attending];
}
