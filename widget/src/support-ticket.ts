/**
 * `<support-ticket>`: the public entry of the widget bundle. One script tag defines the element;
 * defining it twice (two script tags, a bundler and a tag) is harmless.
 */
// First: the registry the script-tag build's lazy chunks load through must exist before anything asks for one.
import './internal/chunks.ts';
import { SupportTicketElement } from './internal/support-ticket-element.ts';
import type { SupportTicketEventDetails } from './flow/events.ts';

export { SupportTicketElement };
export type { Ticket } from '../../core/contract/ticket.ts';
export type { SupportConfig } from '../../core/contract/support-config.ts';
export type { ProblemDetails } from '../../core/contract/problem.ts';
export type { SubmitContext, SubmitFunction } from './backend/submit-function.ts';
export type { SupportTicketEventDetails, SupportTicketEventName } from './flow/events.ts';

if (!customElements.get('support-ticket')) customElements.define('support-ticket', SupportTicketElement);

/** The element's events, typed: `el.addEventListener('support-ticket-submitted', (e) => e.detail.number)`. */
type SupportTicketEventMap = { [K in keyof SupportTicketEventDetails]: CustomEvent<SupportTicketEventDetails[K]> };

declare global {
  interface HTMLElementTagNameMap {
    'support-ticket': SupportTicketElement;
  }
  // The events bubble and are composed, so any element, and the document, may hear them.
  interface HTMLElementEventMap extends SupportTicketEventMap {}
  interface DocumentEventMap extends SupportTicketEventMap {}
}
