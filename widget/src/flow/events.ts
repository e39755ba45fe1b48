/**
 * The events `<support-ticket>` dispatches (bubbling and composed), by name with their `detail`.
 * Declared once here: the session emits them, the element dispatches them, and the public entry
 * adds them to `HTMLElementEventMap` so `addEventListener('support-ticket-submitted', …)` is typed.
 */
import type { Step } from './steps.ts';

export interface SupportTicketEventDetails {
  /** The customer reached a step. */
  'support-ticket-step': { step: Step };
  /** An article solved the problem: no ticket will be sent. */
  'support-ticket-deflected': { query: string; article: { url: string; title: string } };
  /** The ticket was created (or had been, for a resumed Send). */
  'support-ticket-submitted': { id: string; number: string };
  /**
   * Sending failed. `rejected`: the backend refused the ticket (`status` says why); `network`,
   * `timeout`, `server`, `rate-limited`: retries were used up, the ticket is kept for "Try again";
   * `aborted`: the widget was removed while sending.
   */
  'support-ticket-error': { kind: 'rejected' | 'network' | 'timeout' | 'server' | 'rate-limited' | 'aborted'; status?: number };
}

export type SupportTicketEventName = keyof SupportTicketEventDetails;

/** Hands an event to whoever dispatches it (the element). */
export type Emit = <K extends SupportTicketEventName>(type: K, detail: SupportTicketEventDetails[K]) => void;
