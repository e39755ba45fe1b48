/**
 * Spots a ticket this browser already sent about the same thing: a second ticket does not speed
 * anything up, it only slows the queue down.
 */
import type { DepartmentKey } from '../contract/support-keys.ts';
import { stopWords, words } from './words.ts';

/** A ticket this browser sent, as remembered in local storage. */
export interface SentTicket {
  subject: string;
  department: DepartmentKey;
  /** ISO 8601 date-time. */
  sentAt: string;
}

export const duplicateWindowDays = 7;
export const duplicateSimilarity = 0.6;

/** Meaningful words of a subject; a plural "s" is dropped so "e-mails" matches "e-mail". */
function keywords(subject: string): Set<string> {
  return new Set(
    words(subject)
      .filter((w) => !stopWords.has(w))
      .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w)),
  );
}

/** Jaccard similarity of two word sets: shared words over all words. */
export function similarity(a: string, b: string): number {
  const x = keywords(a);
  const y = keywords(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  const all = x.size + y.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** The most similar ticket sent to the same department in the last 7 days, or null. */
export function findDuplicate<T extends SentTicket>(
  sent: readonly T[],
  draft: { subject: string; department: DepartmentKey },
  now: Date,
): T | null {
  const since = now.getTime() - duplicateWindowDays * 24 * 60 * 60 * 1000;
  let best: { ticket: T; score: number; at: number } | null = null;
  for (const ticket of sent) {
    const at = Date.parse(ticket.sentAt);
    if (ticket.department !== draft.department || !(at >= since && at <= now.getTime())) continue;
    const score = similarity(ticket.subject, draft.subject);
    if (score < duplicateSimilarity) continue;
    if (!best || score > best.score || (score === best.score && at > best.at)) best = { ticket, score, at };
  }
  return best?.ticket ?? null;
}
