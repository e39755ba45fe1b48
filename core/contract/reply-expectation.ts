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

/** Whether a backend's answer is a reply expectation this code can word (else it is left unsaid, never shown broken). */
export function isReplyExpectation(value: unknown): value is ReplyExpectation {
  const v = (value ?? {}) as Record<string, unknown>;
  return (
    v.kind === 'none' ||
    (v.kind === 'queue' && Date.parse(v.nextOpening as string) > 0) ||
    (v.kind === 'by-date' && /^\d{4}-\d\d-\d\d$/.test(v.date as string) && (v.days as number) > 0)
  );
}
