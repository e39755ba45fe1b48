/**
 * Integrators may send tickets to any backend by giving the widget a `submit` function instead of an
 * `endpoint`. Its promise is turned into the same results `sendTicket` gives, so the widget treats
 * both alike. The function owns its transport: it is called once, never retried here.
 */
import type { Ticket } from '../../../core/contract/ticket.ts';
import { genericProblem, toProblem } from './problem.ts';
import type { ReplyExpectation } from '../../../core/contract/reply-expectation.ts';
import { withExtras, type SendStatus, type SubmitResult } from './submit-client.ts';

/** What the widget passes along with the ticket. */
export interface SubmitContext {
  /** Aborts when the customer leaves or the widget is removed. */
  signal: AbortSignal;
  /** The same for every retry of this ticket, including after a reload; pass it to your backend. */
  idempotencyKey: string;
  /** Attachments, in the order of `ticket.attachments`. */
  files: File[];
}

/**
 * An integrator's own sender. Resolve with the created ticket (`confirmationEmail: true` only when
 * your backend e-mails the customer: the widget promises nothing it was not told); to reject the
 * ticket, throw an error with an HTTP-like `status` (e.g. 422) and/or a problem+json `problem`. Any
 * other error counts as a network failure the customer may retry.
 */
export type SubmitFunction = (
  ticket: Ticket,
  context: SubmitContext,
) => Promise<{ id: string; number: string; token?: string; confirmationEmail?: boolean; replyExpectation?: ReplyExpectation }>;

export interface CallSubmitFunctionOptions {
  ticket: Ticket;
  files?: readonly File[];
  idempotencyKey: string;
  signal?: AbortSignal;
  onStatus?: (status: SendStatus) => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Calls the integrator's function once and maps what it resolved or threw to a `SubmitResult`. Never throws. */
export async function callSubmitFunction(submit: SubmitFunction, options: CallSubmitFunctionOptions): Promise<SubmitResult> {
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) return { kind: 'aborted' };
  try {
    options.onStatus?.({ phase: 'sending', attempt: 1 });
  } catch (error) {
    console.error('[support-ticket] onStatus callback failed:', error);
  }
  let value: unknown;
  try {
    value = await submit(options.ticket, { signal, idempotencyKey: options.idempotencyKey, files: [...(options.files ?? [])] });
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted' };
    return fromError(error);
  }
  if (isRecord(value) && typeof value.id === 'string' && typeof value.number === 'string' && value.id && value.number) {
    return withExtras({ kind: 'created', id: value.id, number: value.number, replayed: false }, value);
  }
  console.error('[support-ticket] The submit function resolved without { id, number } strings:', value);
  return { kind: 'gave-up', reason: 'server' };
}

function fromError(error: unknown): SubmitResult {
  if (!isRecord(error)) return { kind: 'gave-up', reason: 'network' };
  const problemValue = error.problem;
  const hasProblem = isRecord(problemValue);
  const status = Number.isInteger(error.status)
    ? (error.status as number)
    : hasProblem && Number.isInteger(problemValue.status)
      ? (problemValue.status as number)
      : undefined;
  if (status === undefined && !hasProblem) return { kind: 'gave-up', reason: 'network' };
  // Statuses a retry can fix are not the customer's to correct.
  if (status === 429) return { kind: 'gave-up', reason: 'rate-limited' };
  if (status !== undefined && (status === 408 || status === 409 || status === 425 || status >= 500 || status < 400)) {
    return { kind: 'gave-up', reason: 'server' };
  }
  const finalStatus = status ?? 400;
  const problem = hasProblem ? toProblem(problemValue, finalStatus) : genericProblem(finalStatus, typeof error.message === 'string' ? error.message : undefined);
  return { kind: 'rejected', status: finalStatus, problem, fieldErrors: problem.errors ?? [] };
}
