import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { contentLanguageFor, languagePath, matchLanguage, type ContentLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import { defaultAttachmentPolicy, type DepartmentKey } from '../../../core/contract/support-keys.ts';
import { activeNotices, marketFor } from '../../../core/contract/markets.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { statusPageUrl } from '../../../core/contract/status-link.ts';
import { transition, initialState, visibleSteps, type FlowState, type FormStep } from '../flow/steps.ts';
import {
  canLeaveStep, emptyFields, secretsIn, stepErrors, stepFields, toTicket, fieldError,
  type FieldName, type FormContext, type TicketFields,
} from '../form/ticket-form.ts';
import { messagesFor } from '../i18n/index.ts';
import { errorMessage, format } from '../../../core/i18n/format.ts';
import type { Messages } from '../i18n/en.ts';
import { bundleUrl, loadKbSearch, type ArticleHit, type KbSearch } from '../../../core/search/pagefind.ts';
import { deflectionQueries } from '../../../core/search/query.ts';
import { sendTicket, newIdempotencyKey, attachmentsMetadata, type SubmitResult, type SendStatus } from '../backend/submit-client.ts';
import { callSubmitFunction, type SubmitFunction } from '../backend/submit-function.ts';
import { eventsEndpointFor, postEvent } from '../backend/events-client.ts';
import type { SearchEvent } from '../../../core/contract/search-event.ts';
import { openDraftStore, type DraftStore, type JsonObject, type RecentTicket } from '../draft/draft-store.ts';
import { checkFiles, downscaleImage, fileFromClipboard } from '../attachments/attachments.ts';
import { findDuplicate } from '../../../core/validation/duplicates.ts';
import { expectedFirstReply } from '../../../core/hours/business-hours.ts';
import type { AttachmentView, SearchState, StepHost } from '../steps/step-host.ts';
import { renderDeflected, renderDescribe } from '../steps/describe.ts';
import { renderDepartment } from '../steps/department.ts';
import { renderDetails } from '../steps/details.ts';
import { renderContact } from '../steps/contact.ts';
import { renderDone, renderReview } from '../steps/review.ts';
import { styles } from './styles.ts';

/** The form field a server error path names ("customer.email" -> email, "high.reason" -> highReason). */
function fieldOfPath(path: string): string {
  const known: Record<string, string> = { 'customer.name': 'name', 'customer.email': 'email', 'high.reason': 'highReason', high: 'serviceDown', 'client.startedAt': 'form' };
  return known[path] ?? (path.startsWith('attachments') ? 'attachments' : path);
}

/** The KB origin when none is given: the bundle is served by the KB it belongs to. */
const scriptOrigin = new URL(import.meta.url).origin;
const log = (...args: unknown[]) => console.warn('[support-ticket]', ...args);

/**
 * A guided support form: deflection search in the knowledge base, department, priority, validated
 * fields, then a ticket sent to the configured backend, with nothing lost on reload, network
 * failure or double click.
 *
 * @event support-ticket-step - The customer reached a step. `detail: { step }`
 * @event support-ticket-deflected - An article solved the problem. `detail: { query, article: { url, title } }`
 * @event support-ticket-submitted - The ticket was created. `detail: { id, number }`
 * @event support-ticket-error - Sending failed or was rejected. `detail: { kind, status? }`
 *
 * @csspart panel - The frame around the form.
 * @csspart notice - A service notice from the config.
 * @csspart suggestions - The articles suggested while typing.
 * @csspart field - A label, hint, control and error.
 * @csspart choice - A department or priority choice.
 * @csspart next - The Continue button. @csspart back - The Back button. @csspart send - The Send button.
 * @csspart status - The live region that says what is happening.
 *
 * @cssprop --support-ticket-accent - Buttons, links, focus ring.
 * @cssprop --support-ticket-accent-text - Text on accent buttons.
 * @cssprop --support-ticket-background - Form background.
 * @cssprop --support-ticket-surface - Choice and note background.
 * @cssprop --support-ticket-text - Text colour.
 * @cssprop --support-ticket-muted - Hints.
 * @cssprop --support-ticket-border - Borders.
 * @cssprop --support-ticket-danger - Errors.
 * @cssprop --support-ticket-radius - Corner radius.
 * @cssprop --support-ticket-font - Font family (inherits the page's by default).
 */
export class SupportTicketElement extends LitElement implements StepHost {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  /** Origin of the knowledge base: `/support-config.json` and the search index come from there. */
  @property() kb = '';
  /** Where tickets are POSTed; defaults to `{kb}/api/tickets`. */
  @property() endpoint = '';
  /** Where deflection events go; defaults to `/api/events` on the endpoint's origin. */
  @property({ attribute: 'events-endpoint' }) eventsEndpoint = '';
  /** Preselected department. */
  @property() department: DepartmentKey | '' = '';
  @property({ attribute: 'customer-name' }) customerName = '';
  @property({ attribute: 'customer-email' }) customerEmail = '';
  /** A token the host company's server signed; the backend trusts identity only from it. */
  @property({ attribute: 'customer-token' }) customerToken = '';
  /** The service the ticket is about, when the host page knows it. */
  @property() service = '';
  /** Overrides the configuration fetched from the KB. */
  @property({ attribute: false }) config?: SupportConfig;
  /** Sends the ticket to any backend instead of `endpoint`. */
  @property({ attribute: false }) submit?: SubmitFunction;
  /** The customer's services to choose from. */
  @property({ attribute: false }) services: readonly (string | { id: string; label: string })[] = [];

  @state() flow: FlowState = initialState;
  @state() fields: TicketFields = emptyFields();
  @state() private touched = new Set<FieldName>();
  @state() private attempted = new Set<FormStep>();
  /** Field errors from the server's last rejection, by field name, until the customer edits the field. */
  @state() serverErrors = new Map<string, string>();
  @state() suggestions: ArticleHit[] = [];
  @state() searchState: SearchState = 'idle';
  @state() attachments: AttachmentView[] = [];
  @state() attachmentErrors: string[] = [];
  @state() persistent = true;
  @state() sendState = { busy: false, message: '', canRetry: false };
  @state() result?: { number: string; email: string; expectedReplyBy?: string; statusUrl?: string };
  @state() private fetchedConfig?: SupportConfig;
  @state() private recent: RecentTicket[] = [];

  private store?: Promise<DraftStore>;
  private search?: Promise<KbSearch>;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private lastQuery = '';
  private lastSearchKey = '';
  private startedAt = new Date().toISOString();
  private sending?: AbortController;
  private woke = false;
  private lastStep = '';
  /** A step reached by restoring a draft: announced, but focus is not moved. */
  private quietStep = '';
  private restored = false;
  private typedBeforeRestore = new Set<FieldName>();

  // ---- derived state -------------------------------------------------------------------------

  get uiLang(): UiLanguage {
    const own = this.getAttribute('lang');
    const near = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const tag = own || near || document.documentElement.lang || navigator.language;
    return matchLanguage(tag);
  }

  get t(): Messages {
    return messagesFor(this.uiLang);
  }

  /** The KB language searched and shown; English pages use the KB's default. */
  get contentLang(): ContentLanguage {
    return contentLanguageFor(this.uiLang, this.supportConfig?.defaultLanguage ?? 'pt-BR');
  }

  /** The `config` property when an integrator set it, else the one fetched from the KB. */
  get supportConfig(): SupportConfig | undefined {
    return this.config ?? this.fetchedConfig;
  }

  get kbOrigin(): string {
    return this.kb ? new URL(this.kb, location.href).origin : scriptOrigin;
  }

  get ticketEndpoint(): string {
    return this.endpoint ? new URL(this.endpoint, location.href).href : `${this.kbOrigin}/api/tickets`;
  }

  get context(): FormContext {
    return {
      ...(this.supportConfig ? { config: this.supportConfig } : {}),
      market: this.contentLang === 'it' ? 'it' : 'br',
      contactKnown: Boolean(this.customerName && this.customerEmail),
      serviceKnown: Boolean(this.service),
    };
  }

  get notices() {
    const config = this.supportConfig;
    return config ? activeNotices(config, new Date()) : [];
  }

  get secrets() {
    return secretsIn(this.fields);
  }

  get duplicate() {
    if (!this.fields.department) return undefined;
    const found = findDuplicate(this.recent, { subject: this.fields.subject, department: this.fields.department }, new Date());
    return found ? { number: found.number, sentAt: found.sentAt } : undefined;
  }

  private get draftKey(): string {
    return `${location.origin}|${this.ticketEndpoint}|${this.uiLang}`;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

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
    // Nothing leaves the page until the customer interacts: config and index load on first contact.
    for (const type of ['focusin', 'pointerenter', 'pointerdown']) this.addEventListener(type, this.wake, { once: true, passive: true });
    this.addEventListener('paste', this.onPaste);
    void this.restoreDraft();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.onPaste);
    for (const a of this.attachments) if (a.url) URL.revokeObjectURL(a.url);
  }

  private wake = (): void => {
    if (this.woke) return;
    this.woke = true;
    if (!this.config) void this.loadConfig();
  };

  private async loadConfig(): Promise<void> {
    try {
      const response = await fetch(`${this.kbOrigin}/support-config.json`, { credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      // The KB validated this file with the full schema at build time; shipping that schema would
      // double the bundle, so only check that it is the right kind of document.
      const config = (await response.json()) as SupportConfig;
      if (!Array.isArray(config.departments) || !config.markets?.br || !config.markets?.it) throw new Error('not a support config');
      this.fetchedConfig = config;
    } catch (error) {
      log('could not load the support configuration from', this.kbOrigin, error);
    }
  }

  private async restoreDraft(): Promise<void> {
    this.store ??= openDraftStore();
    const store = await this.store;
    this.persistent = store.persistent;
    const draft = await store.load(this.draftKey);
    this.recent = await store.recentSent(new Date());
    const fields = emptyFields(this.department);
    if (draft) {
      Object.assign(fields, draft.fields);
      this.attachments = draft.files.map((f) => ({ id: f.id, file: f.file, ...(f.file.type.startsWith('image/') ? { url: URL.createObjectURL(f.file) } : {}) }));
      this.wake(); // the customer was here before: their config is needed to show the restored step
    }
    if (this.customerName) fields.name = this.customerName;
    if (this.customerEmail) fields.email = this.customerEmail;
    if (this.service) fields.service = this.service;
    // What the customer typed while the draft was being read wins over the draft.
    for (const name of this.typedBeforeRestore) Object.assign(fields, { [name]: this.fields[name] });
    this.fields = fields;
    this.restored = true;
    if (!draft || this.flow !== initialState) return; // the customer already moved on
    if (draft.frozen) {
      // A Send was in flight when the page went away: finish it with the same key (the server replays).
      this.quietStep = 'review';
      this.flow = { step: 'review' };
      void this.deliver(draft.frozen.ticket, draft.frozen.idempotencyKey);
      return;
    }
    const step = (['describe', 'department', 'details', 'contact', 'review'] as const).find((s) => s === draft.step);
    if (step) {
      // Restoring is not navigating: focus stays where the page put it.
      this.quietStep = step;
      this.flow = { step };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('flow') && this.flow.step !== this.lastStep) {
      const quiet = this.lastStep === '' || this.quietStep === this.flow.step;
      this.lastStep = this.flow.step;
      this.quietStep = '';
      this.emit('support-ticket-step', { step: this.flow.step });
      // Focus follows the customer to each new step, not on first render or a restore (the page owns focus then).
      if (!quiet) this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    }
  }

  // ---- intents from the steps ----------------------------------------------------------------

  visibleError(name: FieldName): string | undefined {
    const step = this.flow.step as FormStep;
    const server = this.serverErrors.get(name);
    if (server) return server;
    if (!this.touched.has(name) && !this.attempted.has(step)) return undefined;
    if (!stepFields(step, this.fields, this.context).includes(name)) return undefined;
    const error = fieldError(name, this.fields, this.context);
    return error ? errorMessage(this.t.errors, error.key, error.params) : undefined;
  }

  setField<K extends FieldName>(name: K, value: TicketFields[K]): void {
    const fields = { ...this.fields, [name]: value };
    if (!this.restored) this.typedBeforeRestore.add(name);
    if (name === 'department') fields.topic = '';
    if (name === 'topic') fields.paidAcknowledged = false;
    if (name === 'priority' && value !== 'high') fields.serviceDown = false;
    this.fields = fields;
    if (this.serverErrors.has(name)) {
      this.serverErrors = new Map([...this.serverErrors].filter(([k]) => k !== name));
    }
    this.wake();
    this.scheduleSave();
    if (name === 'subject' || name === 'message' || name === 'department') this.scheduleSearch();
  }

  touch(name: FieldName): void {
    if (!this.touched.has(name)) this.touched = new Set(this.touched).add(name);
  }

  next(): void {
    const from = this.flow;
    const to = transition(from, { type: 'next' }, this.context, (step) => canLeaveStep(step, this.fields, this.context));
    if (to === from && from.step !== 'review') this.refuse(from.step as FormStep);
    else this.go(to);
  }

  back(): void {
    this.go(transition(this.flow, { type: 'back' }, this.context, () => true));
  }

  edit(step: FormStep): void {
    this.go(transition(this.flow, { type: 'edit', step }, this.context, () => true));
  }

  restart(): void {
    this.lastQuery = '';
    this.lastSearchKey = '';
    this.suggestions = [];
    this.searchState = 'idle';
    this.touched = new Set();
    this.attempted = new Set();
    this.startedAt = new Date().toISOString();
    const fields = emptyFields(this.department);
    Object.assign(fields, { name: this.customerName || this.fields.name, email: this.customerEmail || this.fields.email, service: this.service });
    this.fields = fields;
    this.go(transition(this.flow, { type: 'restart' }, this.context, () => true));
  }

  deflect(hit: ArticleHit): void {
    const query = this.lastQuery;
    this.emit('support-ticket-deflected', { query, article: { url: hit.url, title: hit.title } });
    this.track({ type: 'deflected', query, lang: this.contentLang, article: hit.url });
    this.go(transition(this.flow, { type: 'deflect', article: { url: hit.url, title: hit.title } }, this.context, () => true));
    void this.store?.then((s) => s.clear(this.draftKey));
  }

  private go(to: FlowState): void {
    if (to === this.flow) return;
    this.flow = to;
    this.scheduleSave();
  }

  /** A refused Continue: show every error of the step and put focus on the first invalid field. */
  private refuse(step: FormStep): void {
    this.attempted = new Set(this.attempted).add(step);
    const first = [...stepErrors(step, this.fields, this.context).keys()][0];
    void this.updateComplete.then(() => {
      const target = first && (this.renderRoot.querySelector<HTMLElement>(`#f-${first}`) ?? this.renderRoot.querySelector<HTMLElement>(`[id^="f-${first}-"]`));
      target?.focus();
    });
  }

  // ---- drafts --------------------------------------------------------------------------------

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), 250);
  }

  private async saveNow(): Promise<void> {
    const step = this.flow.step;
    if (step === 'done' || step === 'deflected' || step === 'sending') return;
    const store = await this.store;
    await store?.saveFields(this.draftKey, { ...this.fields } as unknown as JsonObject, step);
  }

  // ---- deflection search ---------------------------------------------------------------------

  private scheduleSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.runSearch(), 300);
  }

  private async runSearch(): Promise<void> {
    if (this.flow.step !== 'describe' && this.flow.step !== 'department') return;
    const queries = deflectionQueries(this.fields.subject, this.fields.message);
    const key = `${queries.join('|')}|${this.fields.department}`;
    if (!queries.length || key === this.lastSearchKey) return;
    this.lastSearchKey = key;
    this.lastQuery = queries[0] ?? '';
    this.searchState = 'loading';
    try {
      this.search ??= loadKbSearch(bundleUrl(this.kbOrigin, languagePath[this.contentLang]));
      const engine = await this.search;
      const department = this.fields.department || undefined;
      // Every query votes with its Pagefind score: an article found by the subject and by the
      // pasted error outranks one that matches only loosely. Few queries, debounced, on the main thread.
      const found = new Map<string, ArticleHit>();
      for (const query of queries) {
        for (const hit of await engine.search(query, { ...(department ? { department } : {}), limit: 5 })) {
          const seen = found.get(hit.url);
          found.set(hit.url, seen ? { ...seen, score: seen.score + hit.score } : hit);
        }
      }
      const ranked = [...found.values()].sort((a, b) => b.score - a.score);
      // Single common words ("clientes") match many pages weakly: show only real contenders.
      const hits = ranked.filter((hit) => hit.score >= (ranked[0]?.score ?? 0) * 0.2);
      if (key !== this.lastSearchKey) return; // the customer typed on
      this.suggestions = hits.slice(0, 5);
      this.searchState = 'ready';
      this.track({ type: hits.length ? 'search' : 'search-miss', query: this.lastQuery, lang: this.contentLang });
    } catch (error) {
      this.search = undefined;
      this.lastSearchKey = '';
      this.searchState = 'unavailable';
      log('knowledge-base search is unavailable; the form goes on without it.', error);
    }
  }

  private track(event: SearchEvent): void {
    postEvent(this.eventsEndpoint || eventsEndpointFor(this.ticketEndpoint), event);
  }

  // ---- attachments ---------------------------------------------------------------------------

  private onPaste = (event: ClipboardEvent): void => {
    if (this.flow.step !== 'details') return;
    const files = fileFromClipboard(event);
    if (files.length) {
      event.preventDefault();
      this.addFiles(files);
    }
  };

  addFiles(incoming: Iterable<File>): void {
    void this.addFilesNow([...incoming]);
  }

  private async addFilesNow(incoming: File[]): Promise<void> {
    const policy = this.supportConfig?.attachments ?? defaultAttachmentPolicy;
    const prepared = await Promise.all(incoming.map((file) => downscaleImage(file, { allowedTypes: policy.allowedTypes }).catch(() => file)));
    const { accepted, rejected } = checkFiles(this.attachments.map((a) => a.file), prepared, policy);
    this.attachmentErrors = rejected.map((r) => `${r.file.name}: ${errorMessage(this.t.errors, `attachment.${r.code}`)}`);
    const store = await this.store;
    const added: AttachmentView[] = [];
    for (const file of accepted) {
      const id = store ? await store.addFile(this.draftKey, file) : crypto.randomUUID();
      added.push({ id, file, ...(file.type.startsWith('image/') ? { url: URL.createObjectURL(file) } : {}) });
    }
    this.attachments = [...this.attachments, ...added];
  }

  removeFile(id: string): void {
    const gone = this.attachments.find((a) => a.id === id);
    if (gone?.url) URL.revokeObjectURL(gone.url);
    this.attachments = this.attachments.filter((a) => a.id !== id);
    void this.store?.then((s) => s.removeFile(this.draftKey, id));
  }

  // ---- sending -------------------------------------------------------------------------------

  send(): void {
    if (this.sendState.busy) return; // a double click sends once
    if (!canLeaveStep('review', this.fields, this.context)) {
      // Something earlier is missing (a restored draft, a config that arrived late): take the customer there.
      const broken = visibleSteps(this.context).find((step) => step !== 'review' && stepErrors(step, this.fields, this.context).size > 0);
      if (broken) {
        this.go(transition(this.flow, { type: 'edit', step: broken }, this.context, () => true));
        this.refuse(broken);
      }
      return;
    }
    const extras = {
      lang: this.uiLang,
      ...(this.customerToken ? { customerToken: this.customerToken } : {}),
      startedAt: this.startedAt,
      pageUrl: location.href.split('#')[0] ?? location.href,
      attachments: attachmentsMetadata(this.attachments.map((a) => a.file)),
      ...(this.lastQuery ? { deflection: { query: this.lastQuery, suggested: this.suggestions.map((s) => s.url) } } : {}),
    };
    const ticket = toTicket(this.fields, this.context, extras);
    this.sendState = { busy: true, message: this.t.review.sending, canRetry: false };
    void (async () => {
      const store = await this.store;
      // The draft must match what is frozen: after a reload mid-send, review is rebuilt from it.
      clearTimeout(this.saveTimer);
      await store?.saveFields(this.draftKey, { ...this.fields } as unknown as JsonObject, 'review');
      const frozen = store
        ? await store.freeze(this.draftKey, { ticket, idempotencyKey: newIdempotencyKey(), frozenAt: new Date().toISOString() })
        : { ticket, idempotencyKey: newIdempotencyKey() };
      await this.deliver(frozen.ticket, frozen.idempotencyKey);
    })();
  }

  private async deliver(ticket: Ticket, idempotencyKey: string): Promise<void> {
    this.sendState = { busy: true, message: this.t.review.sending, canRetry: false };
    this.go({ step: 'sending' });
    this.sending = new AbortController();
    const files = this.attachments.map((a) => a.file);
    const onStatus = (s: SendStatus) => {
      const r = this.t.review;
      const message =
        s.phase === 'sending' ? r.sending : s.phase === 'retrying' ? format(r.retrying, { attempt: s.attempt }) : format(r.waiting, { seconds: Math.ceil((s.delayMs ?? 0) / 1000) });
      this.sendState = { busy: true, message, canRetry: false };
    };
    const result: SubmitResult = this.submit
      ? await callSubmitFunction(this.submit, { ticket, files, idempotencyKey, signal: this.sending.signal, onStatus })
      : await sendTicket({ endpoint: this.ticketEndpoint, ticket, files, idempotencyKey, signal: this.sending.signal, onStatus });
    await this.settle(result, ticket);
  }

  private async settle(result: SubmitResult, ticket: Ticket): Promise<void> {
    const store = await this.store;
    const r = this.t.review;
    switch (result.kind) {
      case 'created': {
        const market = this.supportConfig ? marketFor(this.supportConfig, this.contentLang) : undefined;
        const expectedReplyBy = result.expectedReplyBy ?? (market ? expectedFirstReply(market, ticket.priority, new Date()).toISOString() : undefined);
        this.result = {
          number: result.number,
          email: ticket.customer.email,
          ...(expectedReplyBy ? { expectedReplyBy } : {}),
          ...(result.token ? { statusUrl: statusPageUrl(this.kbOrigin, this.contentLang, result.number, result.token) } : {}),
        };
        await store?.rememberSent({ subject: ticket.subject, department: ticket.department, sentAt: new Date().toISOString(), number: result.number });
        if (store) this.recent = await store.recentSent(new Date());
        await store?.clear(this.draftKey);
        for (const a of this.attachments) if (a.url) URL.revokeObjectURL(a.url);
        this.attachments = [];
        this.sendState = { busy: false, message: '', canRetry: false };
        this.flow = transition(this.flow, { type: 'sent', result: { id: result.id, number: result.number } }, this.context, () => true);
        this.emit('support-ticket-submitted', { id: result.id, number: result.number });
        return;
      }
      case 'rejected': {
        // A definite no: unfreeze so the corrected ticket goes out with a new key.
        await store?.unfreeze(this.draftKey);
        this.serverErrors = new Map(result.fieldErrors.map((e) => [fieldOfPath(e.path), e.message]));
        this.sendState = { busy: false, message: r.rejected, canRetry: false };
        this.flow = transition(this.flow, { type: 'failed', failure: { retryable: false, problem: result.problem } }, this.context, () => true);
        this.emit('support-ticket-error', { kind: 'rejected', status: result.status });
        return;
      }
      case 'gave-up':
      case 'aborted': {
        const message = result.kind === 'gave-up' && result.reason === 'rate-limited'
          ? format(r.rateLimited, { minutes: Math.ceil((result.retryAfterMs ?? 60_000) / 60_000) })
          : r.gaveUp;
        this.sendState = { busy: false, message, canRetry: true };
        this.flow = transition(this.flow, { type: 'failed', failure: { retryable: true } }, this.context, () => true);
        this.emit('support-ticket-error', { kind: result.kind === 'gave-up' ? result.reason : 'aborted' });
        return;
      }
    }
  }

  /** Retry by hand keeps the frozen payload and key (see `freeze`). */

  get marketZone(): { timeZone?: string } {
    const config = this.supportConfig;
    return config ? { timeZone: marketFor(config, this.contentLang).timeZone } : {};
  }

  formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.uiLang, options).format(date);
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- render --------------------------------------------------------------------------------

  override render() {
    const step = this.flow.step;
    const visible = visibleSteps({ contactKnown: this.context.contactKnown });
    const index = visible.indexOf(step as FormStep);
    const body =
      step === 'describe' ? renderDescribe(this)
      : step === 'department' ? renderDepartment(this)
      : step === 'details' ? renderDetails(this)
      : step === 'contact' ? renderContact(this)
      : step === 'review' || step === 'sending' ? renderReview(this)
      : step === 'done' ? renderDone(this)
      : renderDeflected(this);
    return html`<form class="panel" part="panel" novalidate @submit=${(e: Event) => e.preventDefault()} aria-label=${this.t.title}>
      ${index >= 0
        ? html`<p class="progress" part="progress">${format(this.t.progress, { current: index + 1, total: visible.length, name: this.t.steps[step as Exclude<FormStep, never>] })}</p>`
        : nothing}
      ${body}
      <input class="visually-hidden" tabindex="-1" aria-hidden="true" autocomplete="off" name="website" .value=${this.fields.website}
        @input=${(e: Event) => (this.fields = { ...this.fields, website: (e.target as HTMLInputElement).value })} />
      <p class="status" role="status" part="status">${this.sendState.message}</p>
    </form>`;
  }
}
