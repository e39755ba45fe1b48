/**
 * What a ticket goes through before anything about it is trusted or kept: the contract (zod and
 * core's validators), then the removal of secrets from every free-text field, with the identity a
 * signed customer token vouches for and the files' descriptions in place. About a fifth of a
 * ticket's time at saturation; the same function runs on the request's thread or on the screening
 * thread (ticket-screener.ts), so both give the same answer.
 */
import { ticketSchema, type Ticket } from '../../../core/contract/ticket.ts';
import type { ValidationIssue } from '../http/problem.ts';
import type { CustomerClaims } from './customer-token.ts';
import { redactTicketFully } from './redact.ts';

export interface ScreeningInput {
  /** The ticket as the client sent it (parsed JSON). */
  raw: unknown;
  /** What a valid customer token says; its name and e-mail replace what was typed. */
  claims: Pick<CustomerClaims, 'name' | 'email'> | null;
  /**
   * The files' descriptions, which replace the ticket's own attachment metadata; null when there are
   * files still to check and clean (their names and types come from that): the contract only, and
   * the caller redacts with `keptTicket` afterwards.
   */
  attachments: Described[] | null;
}

type Described = { name: string; type: string; size: number };

export type Screened =
  /** What `validationProblems` turns into the 422's errors: plain data, which crosses threads. */
  | { ok: false; issues: ValidationIssue[] }
  /** `ticket` as the contract read it; `kept`, what may be kept (token gone, secrets removed), unless asked for later. */
  | { ok: true; ticket: Ticket; kept?: { ticket: Ticket; redacted: boolean } };

export async function screenTicket({ raw, claims, attachments }: ScreeningInput): Promise<Screened> {
  const parsed = ticketSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(({ code, path, message, input, ...rest }): ValidationIssue => ({
      code, path, message, ...(input === undefined ? {} : { input }), ...('params' in rest ? { params: rest.params as Record<string, unknown> } : {}),
    }));
    return { ok: false, issues };
  }
  const ticket = parsed.data;
  return attachments ? { ok: true, ticket, kept: await keptTicket(ticket, claims, attachments) } : { ok: true, ticket };
}

/** The ticket as it may be kept: the token gone, the vouched-for identity and the files in place, secrets removed. */
export function keptTicket(ticket: Ticket, claims: ScreeningInput['claims'], attachments: Described[]): Promise<{ ticket: Ticket; redacted: boolean }> {
  const { token: _unsaved, ...customer } = ticket.customer;
  return redactTicketFully({
    ...ticket,
    customer: { ...customer, ...(claims?.name ? { name: claims.name } : {}), ...(claims?.email ? { email: claims.email } : {}) },
    attachments,
  });
}
