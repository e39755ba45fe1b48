/**
 * `<support-ticket>`: the public entry of the widget bundle. One script tag defines the element;
 * defining it twice (two script tags, a bundler and a tag) is harmless.
 */
import { SupportTicketElement } from './internal/support-ticket-element.ts';

export { SupportTicketElement };
export type { Ticket } from '../../core/contract/ticket.ts';
export type { SupportConfig } from '../../core/contract/support-config.ts';
export type { SubmitFunction } from './backend/submit-function.ts';

if (!customElements.get('support-ticket')) customElements.define('support-ticket', SupportTicketElement);

declare global {
  interface HTMLElementTagNameMap {
    'support-ticket': SupportTicketElement;
  }
}
