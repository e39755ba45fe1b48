/**
 * What a customer is told about a first reply, as the server answers it (201, the status answer)
 * and as the widget, the e-mail and the status page word it. No zod here: the widget reads it.
 */

export type ReplyExpectation =
  /** No deadline: answered as soon as possible, in order of arrival; `nextOpening` (an instant) is when the queue is next worked, the sending moment itself when support was attending. */
  | { kind: 'queue'; nextOpening: string }
  /** A commitment to reply within `days` calendar days, that is by `date` ("YYYY-MM-DD", the market's calendar). */
  | { kind: 'by-date'; date: string; days: number }
  /** The policy promises nothing for this ticket (Italy's sales questions). */
  | { kind: 'none' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Whether an answer from a backend is a reply expectation this code can word (else it is left unsaid). */
export function isReplyExpectation(value: unknown): value is ReplyExpectation {
  const v = value as Partial<Record<string, unknown>> | null;
  if (!v || typeof v !== 'object') return false;
  if (v.kind === 'none') return true;
  if (v.kind === 'queue') return typeof v.nextOpening === 'string' && !Number.isNaN(Date.parse(v.nextOpening));
  return v.kind === 'by-date' && typeof v.date === 'string' && isoDate.test(v.date) && typeof v.days === 'number';
}
