import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { UiLanguage } from '../../../core/contract/locales.ts';
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';
import type { CustomerTicket } from '../../../core/contract/ticket-reply.ts';
import { format, plural } from '../../../core/i18n/format.ts';
import { duplicatesOf, openTickets, tokenExpired, type AccountAccess } from './account-client.ts';
import { DuplicateWatch } from './duplicate-watch.ts';
import { accountMessages } from './i18n.ts';

/**
 * Inside `<support-ticket>`, for a customer signed in through `customer-token`: their open tickets,
 * each linking to its status page, and a warning when the subject and department they are about to
 * send look like one of them (asked of the server on leaving the subject field `#f-subject` of the
 * same shadow root, and on reaching the review step). The list is read again when the host says
 * `support-ticket-submitted`. Renders nothing for anyone else, and nothing when the server cannot tell.
 * A token past its `exp`, or one the server refused, is not sent again.
 *
 * @internal
 */
export class SupportTicketAccount extends LitElement {
  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    section { margin: 0 0 1em; padding: 0.75em 1em; border: 1px solid var(--_border, #8a96a3); border-radius: var(--_radius, 10px); background: var(--_surface, #f4f6f9); }
    /* Not headings: the host's steps own the heading outline. */
    .title { font-weight: 600; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
    li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25em 0.75em; }
    a { color: var(--_accent, #0b5cad); overflow-wrap: anywhere; }
    a:focus-visible, button:focus-visible { outline: 3px solid var(--_accent, #0b5cad); outline-offset: 2px; }
    .status { font-size: 0.9em; font-weight: 600; }
    .muted { color: var(--_muted, #4f5965); font-size: 0.9em; }
    .warning { background: var(--_warning-bg, #fff4d6); }
    p { margin: 0 0 0.5em; }
    button {
      font: inherit; font-size: 1em; min-height: 44px; padding: 0.4em 0.9em; cursor: pointer;
      color: var(--_accent, #0b5cad); background: transparent; border: 2px solid var(--_accent, #0b5cad); border-radius: var(--_radius, 10px);
    }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; margin-top: 0.5em; }
  `;

  /** The host's `customer-token`: without it, nothing is asked or shown. */
  @property({ attribute: false }) customerToken = '';
  /** Where tickets are POSTed; the customer's routes sit beside it. */
  @property({ attribute: false }) ticketEndpoint = '';
  @property({ attribute: false }) uiLang: UiLanguage = 'en';
  @property({ attribute: false }) subject = '';
  @property({ attribute: false }) department: DepartmentKey | '' = '';
  /** The review step is shown: the last moment to say "you have this one already". */
  @property({ attribute: false }) reviewing = false;

  @state() private tickets: CustomerTicket[] = [];
  @state() private duplicates: CustomerTicket[] = [];

  #load?: AbortController;
  #root?: Node;
  /** The token the server refused: not sent again (a new one from the host is). */
  #refused = '';
  readonly #watch = new DuplicateWatch({
    ask: (check, signal) => duplicatesOf(this.#access(signal), check),
    show: (duplicates) => (this.duplicates = duplicates),
  });

  /** Whether there is a token worth sending: present, not past its `exp`, not refused already. */
  get #signedIn(): boolean {
    return Boolean(this.customerToken && this.ticketEndpoint) && this.customerToken !== this.#refused && !tokenExpired(this.customerToken);
  }

  #access(signal: AbortSignal): AccountAccess {
    const token = this.customerToken;
    return { ticketEndpoint: this.ticketEndpoint, customerToken: token, signal, onRefused: () => (this.#refused = token) };
  }

  /** The host's `support-ticket-submitted`: the new ticket joins the list, and the warning about the last one goes. */
  #onSubmitted = (): void => {
    this.#watch.reset();
    void this.#loadTickets();
  };

  #onFocusOut = (event: Event): void => {
    const field = event.target as HTMLInputElement | null;
    if (field?.id === 'f-subject' && this.#signedIn) this.#watch.check(field.value, this.department);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // The subject field lives in the host's shadow root, next to this element.
    this.#root = this.getRootNode();
    this.#root.addEventListener('focusout', this.#onFocusOut);
    (this.#root as ShadowRoot).host?.addEventListener('support-ticket-submitted', this.#onSubmitted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#root?.removeEventListener('focusout', this.#onFocusOut);
    (this.#root as ShadowRoot | undefined)?.host?.removeEventListener('support-ticket-submitted', this.#onSubmitted);
    this.#load?.abort();
    this.#watch.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('customerToken') || changed.has('ticketEndpoint')) && this.isConnected) void this.#loadTickets();
    if (changed.has('reviewing') && this.reviewing && this.#signedIn) this.#watch.check(this.subject, this.department);
  }

  protected override firstUpdated(): void {
    // This piece arrives with the rest of the form: a subject typed and left before then was never checked.
    const field = (this.#root as ShadowRoot | undefined)?.getElementById?.('f-subject') as HTMLInputElement | null | undefined;
    if (field?.value && (this.#root as ShadowRoot).activeElement !== field && this.#signedIn) this.#watch.check(field.value, this.department);
  }

  async #loadTickets(): Promise<void> {
    this.#load?.abort();
    const load = (this.#load = new AbortController());
    if (!this.#signedIn) {
      this.tickets = [];
      return;
    }
    try {
      this.tickets = (await openTickets(this.#access(load.signal))) ?? [];
    } catch {
      // Replaced by a newer load.
    }
  }

  #item(ticket: CustomerTicket, t: ReturnType<typeof accountMessages>): TemplateResult {
    const updated = new Intl.DateTimeFormat(this.uiLang, { dateStyle: 'medium' }).format(new Date(ticket.updatedAt));
    return html`<li>
      <a href=${ticket.statusUrl}>${format(t.ticketLink, { number: ticket.number, subject: ticket.subject })}</a>
      <span class="status">${t.statuses[ticket.status]}</span>
      <span class="muted">${format(t.updated, { date: updated })}</span>
    </li>`;
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.customerToken) return nothing;
    const t = accountMessages(this.uiLang);
    const [first] = this.duplicates;
    return html`
      ${this.tickets.length
        ? html`<section aria-labelledby="open-tickets-title">
            <p class="title" id="open-tickets-title">${t.openTickets}</p>
            <ul>${this.tickets.map((ticket) => this.#item(ticket, t))}</ul>
          </section>`
        : nothing}
      <div aria-live="polite">
        ${first
          ? html`<section class="warning" aria-labelledby="duplicate-title">
              <p class="title" id="duplicate-title">${t.duplicateTitle}</p>
              <p>${plural(this.uiLang, t.duplicateLead, this.duplicates.length)}</p>
              <ul>${this.duplicates.map((d) => this.#item(d, t))}</ul>
              <div class="actions">
                <a href=${first.statusUrl}>${format(t.openExisting, { number: first.number })}</a>
                <button type="button" @click=${() => this.#watch.dismiss()}>${t.notDuplicate}</button>
              </div>
            </section>`
          : nothing}
      </div>
    `;
  }
}

if (!customElements.get('support-ticket-account')) customElements.define('support-ticket-account', SupportTicketAccount);

declare global {
  interface HTMLElementTagNameMap {
    'support-ticket-account': SupportTicketAccount;
  }
}
