import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { contentLanguageFor, matchLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';
import { format } from '../../../core/i18n/format.ts';
import type { SubmitFunction } from '../backend/submit-function.ts';
import { mayHaveDraft } from '../draft/draft-database.ts';
import { forgetTyped, keepTyped, takeTyped } from '../draft/typed-before-load.ts';
import type { SupportTicketEventDetails, SupportTicketEventName } from '../flow/events.ts';
import type { SessionSettings, TicketSession } from '../flow/session.ts';
import { visibleSteps, type FormStep } from '../flow/steps.ts';
import type { FieldName, TicketFields } from '../form/ticket-form.ts';
import { firstStepMessages } from '../i18n/first-step.ts';
import { renderDescribe } from '../steps/describe.ts';
import type { FirstStepHost, StepHost } from '../steps/step-host.ts';
import type { Form } from './form.ts';
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
 * @csspart load-error - The note that the rest of the form could not be loaded, with its "Try again" button.
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

  /** The rest of the form once it has loaded: the session and the later steps (see form.ts). */
  #form?: Form;
  #session?: TicketSession;
  #loading?: Promise<void>;
  /** The last load of the form failed (offline, blocked): the first step says so, with "Try again". */
  #loadFailed = false;
  /** What the customer did before the form arrived, handed to the session when it does. */
  readonly #early = { fields: {} as Partial<TicketFields>, touched: new Set<FieldName>(), next: false, woken: false };
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
    // Nothing leaves the page until the customer interacts: the form, the config and the index load
    // on first contact, and what failed to load is tried again on the next one.
    for (const type of ['focusin', 'pointerenter', 'pointerdown']) this.addEventListener(type, this.#wake, { passive: true });
    this.addEventListener('paste', this.#onPaste);
    if (this.#session) return void this.#session.connect();
    addEventListener('pagehide', this.#keepTyped);
    document.addEventListener('visibilitychange', this.#keepTyped);
    // Typed just before a reload, while the form was on its way: shown at once, and the form loads.
    const typed = takeTyped(this.#typedKey);
    if (typed) {
      this.#early.fields = { ...typed, ...this.#early.fields };
      void this.#load();
      return;
    }
    // A returning customer may have a draft waiting: the form loads at once to bring it back.
    void mayHaveDraft().then((may) => {
      if (may && this.isConnected) void this.#load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.#onPaste);
    this.#stopKeepingTyped();
    this.#session?.dispose();
  }

  /** Per page, endpoint, language and customer, like drafts. */
  get #typedKey(): string {
    return `${this.#settings().draftKey}|${this.customerEmail}`;
  }

  /**
   * The page goes away before the form's draft store is ready (the form on its way, or just arrived
   * and still opening its store): keep what was typed for the reload. From the session once it
   * exists, since keystrokes go there.
   */
  #keepTyped = (event: Event): void => {
    if (event.type !== 'pagehide' && document.visibilityState !== 'hidden') return;
    const fields = this.#session ? this.#session.state.fields : this.#early.fields;
    keepTyped(this.#typedKey, { subject: fields.subject ?? '', message: fields.message ?? '' });
  };

  #stopKeepingTyped(): void {
    removeEventListener('pagehide', this.#keepTyped);
    document.removeEventListener('visibilitychange', this.#keepTyped);
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

  #wake = (): void => {
    if (this.#session) this.#session.wake();
    else void this.#load(true);
  };

  /**
   * Loads the rest of the form (once; again after a failure) and hands the new session what the
   * customer did meanwhile, so nothing typed is lost. `interacted`: the customer is here, so the
   * session wakes (config, search) at once; a load for a draft waits for them like before.
   */
  #load(interacted = false): Promise<void> {
    this.#early.woken ||= interacted;
    this.#loading ??= loadForm().then(
      (form) => {
        const session = new form.TicketSession({
          settings: () => this.#settings(),
          onChange: () => this.requestUpdate(),
          emit: (type, detail) => this.#dispatch(type, detail),
        });
        this.#form = form;
        this.#session = session;
        this.#loadFailed = false;
        // The session keeps the draft once its store is open and the draft read back; until then a
        // page left keeps a copy here, as before the form arrived (its store's unloading save would
        // wait for a store still opening, and be lost with the page).
        const handOver = () => {
          this.#stopKeepingTyped();
          forgetTyped(this.#typedKey);
        };
        if (this.isConnected) void session.connect().then(handOver, handOver);
        else handOver();
        const { fields, touched, next, woken } = this.#early;
        for (const [name, value] of Object.entries(fields)) session.setField(name as 'subject', value as string);
        for (const name of touched) session.touch(name);
        if (woken) session.wake();
        if (next) this.#focusRefused(session.next());
        // Removed while the form was on its way: what was typed is saved now, as a removal always does.
        if (!this.isConnected) session.dispose();
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#loadFailed = true;
        console.warn('[support-ticket] the rest of the form could not be loaded; what the customer typed is kept:', error);
        // Back online: try again without waiting for "Try again".
        addEventListener('online', () => this.isConnected && !this.#form && void this.#load(true), { once: true });
        this.requestUpdate();
      },
    );
    return this.#loading;
  }

  #onPaste = (event: ClipboardEvent): void => {
    if (!this.#form || this.#session?.state.flow.step !== 'details') return;
    const files = this.#form.fileFromClipboard(event);
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

  #focusRefused(name: FieldName | undefined): void {
    if (name) this.#focusField(name);
  }

  /**
   * The first step before the form has loaded: what the customer types is kept here (and shown), and
   * the first intent loads the form. Handlers rendered from it may fire after the form arrived: they
   * go to the session then.
   */
  #firstStepHost(uiLang: UiLanguage): FirstStepHost {
    const early = this.#early;
    return {
      t: firstStepMessages[uiLang],
      uiLang,
      contentLang: contentLanguageFor(uiLang, 'pt-BR'),
      fields: early.fields,
      notices: [],
      suggestions: [],
      searchState: 'idle',
      marketZone: {},
      visibleError: () => undefined,
      formatDate: (date, options) => new Intl.DateTimeFormat(uiLang, options).format(date),
      setField: (name, value) => {
        if (this.#session) return this.#session.setField(name, value);
        early.fields = { ...early.fields, [name]: value };
        this.requestUpdate();
        void this.#load(true);
      },
      touch: (name) => (this.#session ? this.#session.touch(name) : void early.touched.add(name)),
      next: () => {
        if (this.#session) return this.#focusRefused(this.#session.next());
        early.next = true;
        void this.#load(true);
      },
      deflect: () => undefined,
      openSuggestion: () => undefined,
    };
  }

  /** Also waits for a form on its way: once it resolves, what the customer did has reached the session and shows. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#loading;
    return super.getUpdateComplete();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const state = this.#session?.state;
    const step = state?.flow.step ?? 'describe';
    if (step === this.#shownStep) return;
    const first = this.#shownStep === '';
    this.#shownStep = step;
    this.#dispatch('support-ticket-step', { step });
    // Focus follows the customer to each new step, not on first render or a restore (the page owns focus then).
    if (!first && !state?.quiet) this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
  }

  override render(): TemplateResult {
    const uiLang = this.#uiLang;
    const form = this.#form;
    const session = this.#session;
    const full: StepHost | undefined = form && session
      ? form.createStepHost({ session, t: form.messagesFor(uiLang), uiLang, services: this.services, focusField: (name) => this.#focusField(name), now: new Date() })
      : undefined;
    const host: FirstStepHost = full ?? this.#firstStepHost(uiLang);
    const t = host.t;
    const step = full?.flow.step ?? 'describe';
    const visible = visibleSteps(full?.context ?? { contactKnown: Boolean(this.customerName && this.customerEmail) });
    const index = visible.indexOf(step as FormStep);
    return html`<form class="panel" part="panel" novalidate @submit=${(e: Event) => e.preventDefault()} aria-label=${t.title}>
      ${full && this.customerToken
        ? html`<support-ticket-account .customerToken=${this.customerToken} .ticketEndpoint=${this.#settings().ticketEndpoint} .uiLang=${uiLang}
            .subject=${full.fields.subject} .department=${full.fields.department} .reviewing=${step === 'review'}></support-ticket-account>`
        : nothing}
      ${index >= 0 ? html`<p class="progress" part="progress">${format(t.progress, { current: index + 1, total: visible.length, name: t.steps[step as FormStep] })}</p>${full && form ? form.renderFormNotes(full) : nothing}` : nothing}
      ${full && form ? form.renderStep(full) : renderDescribe(host)}
      ${this.#loadFailed
        ? html`<div class="note warning" role="alert" part="load-error">
            <p>${t.load.failed}</p>
            <button type="button" class="secondary" @click=${() => void this.#load(true)}>${t.load.retry}</button>
          </div>`
        : nothing}
      <input class="visually-hidden" tabindex="-1" aria-hidden="true" autocomplete="off" name="website" .value=${host.fields.website ?? ''}
        @input=${(e: Event) => host.setField('website', (e.target as HTMLInputElement).value)} />
      <p class="status" role="status" part="status">${full?.sendState.message ?? ''}</p>
    </form>`;
  }
}

/** The form behind the first step; in the script-tag build an integrity-pinned chunk (see chunks.ts). */
const loadForm = (): Promise<Form> => import('./form.ts').then((module) => module.form);
