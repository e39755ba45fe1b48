import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { matchLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';
import { format } from '../../../core/i18n/format.ts';
import { fileFromClipboard } from '../attachments/attachments.ts';
import type { SubmitFunction } from '../backend/submit-function.ts';
import type { SupportTicketEventDetails, SupportTicketEventName } from '../flow/events.ts';
import { TicketSession, type SessionSettings } from '../flow/session.ts';
import { visibleSteps, type FormStep } from '../flow/steps.ts';
import type { FieldName } from '../form/ticket-form.ts';
import { messagesFor } from '../i18n/index.ts';
import { createStepHost, type StepHost } from '../steps/step-host.ts';
import { renderDeflected, renderDescribe } from '../steps/describe.ts';
import { renderDepartment } from '../steps/department.ts';
import { renderDetails } from '../steps/details.ts';
import { renderContact } from '../steps/contact.ts';
import { renderDone, renderReview } from '../steps/review.ts';
import { renderFormNotes } from '../steps/form-notes.ts';
import { styles } from './styles.ts';

/** The KB origin when none is given: the bundle is served by the KB it belongs to. */
const scriptOrigin = new URL(import.meta.url).origin;

/**
 * A guided support form: deflection search in the knowledge base, department, priority, validated
 * fields, then a ticket sent to the configured backend, with nothing lost on reload, network
 * failure or double click.
 *
 * @summary Support ticket form that searches the knowledge base first.
 *
 * @attribute lang - The interface language: `pt`, `pt-BR`, `pt-PT` -> Portuguese; `it`, `it-IT`, `it-CH` -> Italian; anything else -> English, searching the KB's default language. Without it: the nearest `[lang]`, `<html lang>`, the browser's.
 *
 * @event {CustomEvent<{ step: string }>} support-ticket-step - The customer reached a step (`describe`, `department`, `details`, `contact`, `review`, `sending`, `done`, `deflected`).
 * @event {CustomEvent<{ query: string; article: { url: string; title: string } }>} support-ticket-deflected - An article solved the problem; nothing is sent.
 * @event {CustomEvent<{ id: string; number: string }>} support-ticket-submitted - The ticket was created.
 * @event {CustomEvent<{ kind: string; status?: number }>} support-ticket-error - Sending failed (`network`, `timeout`, `server`, `rate-limited`, `aborted`: the ticket is kept for "Try again") or was refused (`rejected`, with the HTTP `status`).
 *
 * @csspart panel - The frame around the form.
 * @csspart progress - "Step 2 of 5" above each step.
 * @csspart notice - A service notice from the config (incident, maintenance).
 * @csspart draft-notice - The note that a saved draft was brought back, with its "Discard draft" button.
 * @csspart config-warning - The warning that topics, prices and reply times could not be loaded.
 * @csspart suggestions - The articles suggested while the customer types.
 * @csspart search-status - What the suggestion search is doing (searching, nothing found, unavailable).
 * @csspart field - A label, hint, control and error.
 * @csspart choice - A department choice.
 * @csspart tier - The note saying whether the chosen topic is included, paid, or free when the cause is on the provider's side.
 * @csspart priority - The priority choices.
 * @csspart expected-reply - What the market's policy says about a first reply (details and done steps).
 * @csspart attachments - The attachment picker.
 * @csspart add-files - The "Add files" button.
 * @csspart files - The list of attached files.
 * @csspart review-section - One section of the review step.
 * @csspart secret-warning - The warning about a password or key found in the ticket.
 * @csspart duplicate-warning - The warning about a similar ticket sent lately.
 * @csspart server-error - An error the server reported for the ticket as a whole.
 * @csspart frozen - The note that a ticket waiting to be sent cannot be edited.
 * @csspart status-link - The link to follow the ticket, once sent.
 * @csspart next - The Continue button.
 * @csspart back - The Back button.
 * @csspart send - The Send button.
 * @csspart status - The live region that says what is happening.
 *
 * @cssprop --support-ticket-accent - Buttons, links, focus ring.
 * @cssprop --support-ticket-accent-text - Text on accent buttons.
 * @cssprop --support-ticket-background - Form background.
 * @cssprop --support-ticket-surface - Choice and note background.
 * @cssprop --support-ticket-warning-background - Background of warnings (paid topic, secrets, duplicates).
 * @cssprop --support-ticket-text - Text colour.
 * @cssprop --support-ticket-muted - Hints.
 * @cssprop --support-ticket-border - Borders.
 * @cssprop --support-ticket-danger - Errors.
 * @cssprop --support-ticket-mark - Highlight behind words that matched a search and secrets found in the ticket.
 * @cssprop --support-ticket-radius - Corner radius.
 * @cssprop --support-ticket-font - Font family (inherits the page's by default).
 */
export class SupportTicketElement extends LitElement {
  static override styles = styles;

  /** Origin of the knowledge base: `/support-config.json` and the search index come from there (default: where the script came from). */
  @property() kb = '';
  /** Where tickets are POSTed (default `{kb}/api/tickets`). */
  @property() endpoint = '';
  /** Where deflection events go (default `/api/events` on the endpoint's origin). */
  @property({ attribute: 'events-endpoint' }) eventsEndpoint = '';
  /** Preselects a department: `technical`, `billing` or `sales`. */
  @property() department: DepartmentKey | '' = '';
  /** The customer's name, when the host page knows it (with `customer-email`, the contact step is skipped). */
  @property({ attribute: 'customer-name' }) customerName = '';
  /** The customer's e-mail, when the host page knows it. */
  @property({ attribute: 'customer-email' }) customerEmail = '';
  /** A short-lived token the host company's server signed; the backend trusts identity only from it. */
  @property({ attribute: 'customer-token' }) customerToken = '';
  /** The service the ticket is about, when the host page knows it: not asked. */
  @property() service = '';
  /** A support config object instead of the one fetched from the KB. */
  @property({ attribute: false }) config?: SupportConfig;
  /** Sends the ticket to any backend instead of `endpoint`: `(ticket, { signal, idempotencyKey, files }) => Promise<{ id, number }>`. */
  @property({ attribute: false }) submit?: SubmitFunction;
  /** The customer's services to choose from: `string[]` or `{ id, label }[]`. */
  @property({ attribute: false }) services: readonly (string | { id: string; label: string })[] = [];

  readonly #session = new TicketSession({
    settings: () => this.#settings(),
    onChange: () => this.requestUpdate(),
    emit: (type, detail) => this.#dispatch(type, detail),
  });
  #shownStep = '';

  // `lang` is a global attribute, not one of ours: watch it so a host page can switch languages.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Nothing leaves the page until the customer interacts: config and index load on first contact,
    // and a config that failed to load is tried again on the next one.
    for (const type of ['focusin', 'pointerenter', 'pointerdown']) this.addEventListener(type, this.#wake, { passive: true });
    this.addEventListener('paste', this.#onPaste);
    void this.#session.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.#onPaste);
    this.#session.dispose();
  }

  /** The UI language: the element's `lang`, the nearest `[lang]`, `<html lang>`, then the browser's. */
  get #uiLang(): UiLanguage {
    const near = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return matchLanguage(this.getAttribute('lang') || near || document.documentElement.lang || navigator.language);
  }

  #settings(): SessionSettings {
    const kbOrigin = this.kb ? new URL(this.kb, location.href).origin : scriptOrigin;
    const ticketEndpoint = this.endpoint ? new URL(this.endpoint, location.href).href : `${kbOrigin}/api/tickets`;
    const uiLang = this.#uiLang;
    return {
      uiLang,
      ...(this.config ? { config: this.config } : {}),
      kbOrigin,
      ticketEndpoint,
      eventsEndpoint: this.eventsEndpoint,
      department: this.department,
      customerName: this.customerName,
      customerEmail: this.customerEmail,
      customerToken: this.customerToken,
      service: this.service,
      ...(this.submit ? { submit: this.submit } : {}),
      // The contract takes http(s) pages only; a file: or about:srcdoc host page sends none.
      pageUrl: /^https?:$/.test(location.protocol) ? (location.href.split('#')[0] ?? '') : '',
      draftKey: `${location.origin}|${ticketEndpoint}|${uiLang}`,
    };
  }

  #wake = (): void => this.#session.wake();

  #onPaste = (event: ClipboardEvent): void => {
    if (this.#session.state.flow.step !== 'details') return;
    const files = fileFromClipboard(event);
    if (files.length) {
      event.preventDefault();
      void this.#session.addFiles(files);
    }
  };

  #dispatch<K extends SupportTicketEventName>(type: K, detail: SupportTicketEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Focus on the field the customer must fix (a radio group or checkbox: its first control). */
  #focusField(name: FieldName): void {
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      (root.querySelector<HTMLElement>(`#f-${name}`) ?? root.querySelector<HTMLElement>(`[id^="f-${name}-"]`))?.focus();
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { flow, quiet } = this.#session.state;
    if (flow.step === this.#shownStep) return;
    const first = this.#shownStep === '';
    this.#shownStep = flow.step;
    this.#dispatch('support-ticket-step', { step: flow.step });
    // Focus follows the customer to each new step, not on first render or a restore (the page owns focus then).
    if (!first && !quiet) this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
  }

  override render(): TemplateResult {
    const session = this.#session;
    const uiLang = this.#uiLang;
    const host: StepHost = createStepHost({
      session, t: messagesFor(uiLang), uiLang, services: this.services, focusField: (name) => this.#focusField(name), now: new Date(),
    });
    const step = host.flow.step;
    const visible = visibleSteps(host.context);
    const index = visible.indexOf(step as FormStep);
    const body =
      step === 'describe' ? renderDescribe(host)
      : step === 'department' ? renderDepartment(host)
      : step === 'details' ? renderDetails(host)
      : step === 'contact' ? renderContact(host)
      : step === 'review' || step === 'sending' ? renderReview(host)
      : step === 'done' ? renderDone(host)
      : renderDeflected(host);
    return html`<form class="panel" part="panel" novalidate @submit=${(e: Event) => e.preventDefault()} aria-label=${host.t.title}>
      ${index >= 0 ? html`<p class="progress" part="progress">${format(host.t.progress, { current: index + 1, total: visible.length, name: host.t.steps[step as FormStep] })}</p>${renderFormNotes(host)}` : nothing}
      ${body}
      <input class="visually-hidden" tabindex="-1" aria-hidden="true" autocomplete="off" name="website" .value=${host.fields.website}
        @input=${(e: Event) => host.setField('website', (e.target as HTMLInputElement).value)} />
      <p class="status" role="status" part="status">${host.sendState.message}</p>
    </form>`;
  }
}
