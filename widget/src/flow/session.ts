/**
 * One customer's session with the widget: fields and step, the draft that survives a reload, the
 * deflection search, attachments, and sending. No rendering here: the element renders `state` and
 * forwards intents, and tests drive a session in Node with an in-memory draft store, a fake search
 * and a fake sender. Every step change goes through the flow reducer (`transition`).
 */
import { limits } from '../../../core/contract/limits.ts';
import { contentLanguageFor, isContentLanguage, languagePath, type ContentLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import { statusPageUrl } from '../../../core/contract/status-link.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import { defaultAttachmentPolicy, type DepartmentKey } from '../../../core/contract/support-keys.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { ReplyExpectation } from '../../../core/contract/reply-expectation.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { commitment } from '../../../core/hours/business-hours.ts';
import { bundleUrl, loadDeflectionSearch, type ArticleHit, type KbSearch } from '../../../core/search/deflection.ts';
import { deflectionQueries } from '../../../core/search/query.ts';
import { findDuplicate } from '../../../core/validation/duplicates.ts';
import { fold } from '../../../core/validation/words.ts';
import { checkFiles, downscaleImage, type RejectionCode } from '../attachments/attachments.ts';
import { backoffDelay } from '../backend/backoff.ts';
import { fetchSupportConfig, localConfigCache, type ConfigCache } from '../backend/config-client.ts';
import { eventsEndpointFor, postEvent } from '../backend/events-client.ts';
import type { SearchEvent } from '../../../core/contract/search-event.ts';
import { attachmentsMetadata, newIdempotencyKey, sendTicket, type SendStatus, type SendTicketOptions, type SubmitResult } from '../backend/submit-client.ts';
import { callSubmitFunction, type CallSubmitFunctionOptions, type SubmitFunction } from '../backend/submit-function.ts';
import { draftOwner } from '../draft/draft-owner.ts';
import { openDraftStore, type Draft, type DraftStore, type FrozenPayload, type RecentTicket } from '../draft/draft-store.ts';
import {
  canLeaveStep, emptyFields, fieldError, fieldForPath, secretsIn, stepErrors, stepFields, toTicket,
  type FieldError, type FieldName, type FormContext, type TicketFields,
} from '../form/ticket-form.ts';
import { suggestArticles } from '../search/suggestions.ts';
import type { Emit } from './events.ts';
import { formSteps, initialState, transition, visibleSteps, type FlowEvent, type FlowState, type FormStep } from './steps.ts';

/** What the session reads from its element on every use, so attribute changes apply at once. */
export interface SessionSettings {
  uiLang: UiLanguage;
  /** The integrator's config; without it, the one fetched from the KB once the customer interacts. */
  config?: SupportConfig;
  kbOrigin: string;
  ticketEndpoint: string;
  /** Where search events go; empty: `/api/events` on the ticket endpoint's origin. */
  eventsEndpoint: string;
  department: DepartmentKey | '';
  customerName: string;
  customerEmail: string;
  customerToken: string;
  service: string;
  submit?: SubmitFunction;
  /** The page the widget is on, without its fragment; empty on a page that is not http(s). */
  pageUrl: string;
  /** Drafts are kept per page origin, endpoint and language, and per customer (see `draftOwner`). */
  draftKey: string;
}

/** The outside world, replaceable in tests. */
export interface SessionDeps {
  openStore(): Promise<DraftStore>;
  fetchConfig(kbOrigin: string): Promise<SupportConfig>;
  /** The last config that loaded, per KB. */
  configCache: ConfigCache;
  loadSearch(bundleUrl: string): Promise<KbSearch>;
  sendTicket(options: SendTicketOptions): Promise<SubmitResult>;
  callSubmitFunction(submit: SubmitFunction, options: CallSubmitFunctionOptions): Promise<SubmitResult>;
  postEvent(endpoint: string, event: SearchEvent): void;
  /** Calls `hidden` when the page is hidden or left, `online` when the network is back; returns the unsubscribe. */
  watchPage(on: { hidden: () => void; online: () => void }): () => void;
  /** Makes a screenshot smaller before it is attached. */
  prepareFile(file: File, allowedTypes: readonly string[]): Promise<File>;
  thumbnail(file: File): string | undefined;
  revoke(url: string): void;
  now(): Date;
  newKey(): string;
  /** A random id for this widget session, sent with its search events only (never with a ticket). */
  newSessionId(): string;
  warn(...args: unknown[]): void;
}

export const browserDeps: SessionDeps = {
  openStore: () => openDraftStore(),
  fetchConfig: fetchSupportConfig,
  configCache: localConfigCache,
  loadSearch: (url) => loadDeflectionSearch(url),
  sendTicket,
  callSubmitFunction,
  postEvent: (endpoint, event) => postEvent(endpoint, event),
  watchPage({ hidden, online }) {
    // visibilitychange bubbles from the document to the window.
    const listeners = { pagehide: hidden, visibilitychange: () => document.hidden && hidden(), online };
    for (const [type, listener] of Object.entries(listeners)) addEventListener(type, listener);
    return () => {
      for (const [type, listener] of Object.entries(listeners)) removeEventListener(type, listener);
    };
  },
  prepareFile: (file, allowedTypes) => downscaleImage(file, { allowedTypes }).catch(() => file),
  thumbnail: (file) => (file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined),
  revoke: (url) => URL.revokeObjectURL(url),
  now: () => new Date(),
  newKey: newIdempotencyKey,
  newSessionId: newIdempotencyKey,
  warn: (...args) => console.warn('[support-ticket]', ...args),
};

export type SearchState = 'idle' | 'loading' | 'ready' | 'unavailable';

export interface AttachmentView {
  id: string;
  file: File;
  /** Thumbnail of an image. */
  url?: string;
}

export interface SessionState {
  flow: FlowState;
  fields: TicketFields;
  touched: ReadonlySet<FieldName>;
  /** Steps whose Continue was refused: all their errors show. */
  attempted: ReadonlySet<FormStep>;
  /** The server's messages from its last refusal, by form field, until the customer edits the field. */
  serverErrors: ReadonlyMap<string, string>;
  search: { state: SearchState; suggestions: ArticleHit[]; query: string };
  attachments: AttachmentView[];
  attachmentErrors: { name: string; code: RejectionCode }[];
  /** Drafts survive a reload (false: IndexedDB is unusable here). */
  persistent: boolean;
  /** How the current Send is going. */
  progress?: SendStatus;
  result?: SentTicket;
  /** Tickets this browser sent lately, for the duplicate warning. */
  recent: RecentTicket[];
  fetchedConfig?: SupportConfig;
  /** No config at all: the KB could not be reached (after retries) and none was cached. */
  configFailed: boolean;
  /** A draft was brought back: when it was saved and which fields had a secret cut out. Cleared on discard or the next step. */
  restoredDraft?: { savedAt: string; cut: FieldName[] };
  /** The current step was reached by restoring a draft, not by the customer: focus stays put. */
  quiet: boolean;
}

/** What the done step tells the customer about the ticket sent. */
export interface SentTicket {
  number: string;
  email: string;
  /** What the customer is told about a first reply: the server's answer, else a commitment dated here. */
  replyExpectation?: ReplyExpectation;
  /** When the sending moment was, on which "attending now" depends. */
  sentAt: string;
  /** A confirmation e-mail is on its way: only when the backend said so. */
  confirmationEmail: boolean;
  statusUrl?: string;
}

/** What a field shows: an error of the form (a key to localize) or the server's own sentence. */
export type ShownError = FieldError | { text: string };

const saveDelayMs = 250;
/**
 * The pause in typing after which the subject is searched: short enough that suggestions are on
 * screen within 300 ms of the last keystroke (a warm search takes a few ms), long enough not to
 * search every letter of a word typed fluently.
 */
const searchDelayMs = 150;
/**
 * A query is recorded as searched once it stood this long, or the customer moved on (another event,
 * the next step, leaving the page): the half-typed words searched on the way are no searches.
 */
const searchEventDelayMs = 1000;
/** Attempts per config load (waits of about 1 s and 2 s); the next interaction starts again. */
const configAttempts = 3;

export class TicketSession {
  state: SessionState;
  #store?: Promise<DraftStore>;
  /** The KB search engine, per bundle URL; `prefetch`: loaded on first contact, before any search. */
  #search?: { url: string; engine: Promise<KbSearch>; prefetch: boolean };
  #searchKey = '';
  /** Queries (folded) already posted as a search event: a department change searches again, but counts once. */
  #searchesTracked = new Set<string>();
  #prefetched = false;
  #timers = new Map<'save' | 'search' | 'search-event', ReturnType<typeof setTimeout>>();
  /** The search event of the query on screen, until it stood long enough (`searchEventDelayMs`). */
  #pendingSearch?: SearchEvent;
  #startedAt: string;
  #inFlight?: AbortController;
  #woken = false;
  /** Follows this session through the console's funnel; random, never tied to the customer or the ticket. */
  #sessionId = '';
  #opened = false;
  /** A config from the KB arrived on this page (a cached one does not count: the KB is retried). */
  #configFresh = false;
  #configLoad?: Promise<void>;
  #restored = false;
  #typedBeforeRestore = new Set<keyof TicketFields>();
  /** The payload of the Send in force, also when storage failed: "Try again" and a resume reuse its key. */
  #frozen?: FrozenPayload;
  #unwatch?: () => void;

  readonly #settings: () => SessionSettings;
  readonly #onChange: () => void;
  readonly #emit: Emit;
  readonly #deps: SessionDeps;

  constructor(options: { settings: () => SessionSettings; onChange: () => void; emit: Emit; deps?: Partial<SessionDeps> }) {
    this.#settings = options.settings;
    this.#onChange = options.onChange;
    this.#emit = options.emit;
    this.#deps = { ...browserDeps, ...options.deps };
    this.#startedAt = this.#deps.now().toISOString();
    this.state = {
      flow: initialState, fields: emptyFields(), touched: new Set(), attempted: new Set(), serverErrors: new Map(),
      search: { state: 'idle', suggestions: [], query: '' }, attachments: [], attachmentErrors: [], persistent: true, recent: [],
      configFailed: false, quiet: true,
    };
  }

  // ---- what the state means -----------------------------------------------------------------

  get config(): SupportConfig | undefined {
    return this.#settings().config ?? this.state.fetchedConfig;
  }

  /** The KB language searched and shown; English UIs use the KB's default. */
  get contentLang(): ContentLanguage {
    return contentLanguageFor(this.#settings().uiLang, this.config?.defaultLanguage ?? 'pt-BR');
  }

  get context(): FormContext {
    const s = this.#settings();
    const config = this.config;
    return {
      ...(config ? { config } : {}),
      market: this.contentLang === 'it' ? 'it' : 'br',
      contactKnown: Boolean(s.customerName && s.customerEmail),
      serviceKnown: Boolean(s.service),
      screenshot: this.state.attachments.some((a) => a.file.type.startsWith('image/')),
    };
  }

  get sending(): boolean {
    return this.state.flow.step === 'sending';
  }

  /** The draft's key: the element's, plus whose draft it is, so that customers sharing a browser never see each other's. */
  get #draftKey(): string {
    const s = this.#settings();
    const owner = draftOwner(s.customerToken, s.customerEmail);
    return owner ? `${s.draftKey}|${owner}` : s.draftKey;
  }

  /** The error a field shows now: after the customer left it, or tried to move on, or the server refused it. */
  visibleError(name: FieldName): ShownError | undefined {
    const { flow, touched, attempted, serverErrors, fields } = this.state;
    const server = serverErrors.get(name);
    if (server) return { text: server };
    const step = flow.step as FormStep;
    if (!touched.has(name) && !attempted.has(step)) return undefined;
    if (!stepFields(step, fields, this.context).includes(name)) return undefined;
    return fieldError(name, fields, this.context);
  }

  /** A similar ticket this browser sent to the same department lately. */
  get duplicate(): RecentTicket | undefined {
    const { fields, recent } = this.state;
    if (!fields.department) return undefined;
    return findDuplicate(recent, { subject: fields.subject, department: fields.department }, this.#deps.now()) ?? undefined;
  }

  // ---- start and stop ------------------------------------------------------------------------

  /**
   * The element is on the page: watch the page (hidden or left: save now, since a debounced save
   * would be lost; back online: resume a Send that gave up) and read the draft back.
   */
  connect(): Promise<void> {
    this.#unwatch ??= this.#deps.watchPage({ hidden: () => this.flush(), online: () => this.#resume() });
    return this.restore();
  }

  /** Reads the draft back: fields, files, step, or a Send that was in flight when the page went away. */
  async restore(): Promise<void> {
    const s = this.#settings();
    const now = this.#deps.now();
    let draft: Draft | null = null;
    let recent = this.state.recent;
    const store = await this.#openStore();
    try {
      await store.prune(now);
      draft = await store.load(this.#draftKey);
      recent = await store.recentSent(now);
    } catch (error) {
      this.#deps.warn('could not read the saved draft:', error);
    }
    const fields = emptyFields(s.department);
    let attachments: AttachmentView[] = [];
    if (draft) {
      Object.assign(fields, draft.fields);
      attachments = draft.files.map((f) => this.#view(f.id, f.file));
      void this.#rouse(); // the customer was here before: their config is needed to show the restored step
    }
    Object.assign(fields, this.#known(s));
    // What the customer typed while the draft was being read wins over the draft.
    for (const name of this.#typedBeforeRestore) Object.assign(fields, { [name]: this.state.fields[name] });
    this.#restored = true;
    this.#set({ fields, recent, persistent: store.persistent, attachments: [...attachments, ...this.state.attachments] });
    if (!draft || this.state.flow !== initialState) return; // nothing to restore, or the customer already moved on
    if (draft.frozen) {
      // A Send was in flight when the page went away: finish it with the same key (the server replays).
      this.#frozen = draft.frozen;
      this.#go({ type: 'restore', step: 'review' }, true);
      this.#go({ type: 'resume' }, true);
      await this.#deliver(draft.frozen.ticket, draft.frozen.idempotencyKey);
      return;
    }
    // Say so, with a way to throw it away: the draft may not even be this person's (a shared computer).
    this.#set({ restoredDraft: { savedAt: draft.savedAt ?? now.toISOString(), cut: draft.cut as FieldName[] } });
    const step = formSteps.find((candidate) => candidate === draft.step);
    if (step) this.#go({ type: 'restore', step }, true);
  }

  /**
   * Loads what the widget needs once the customer shows interest; nothing leaves the page before.
   * Called on every interaction: a config that failed to load is tried again then. The first one on
   * a step that searches also starts loading the KB search, without searching.
   */
  wake(): void {
    const config = this.#rouse();
    const step = this.state.flow.step;
    if (this.#prefetched || (step !== 'describe' && step !== 'department')) return;
    // A cold first answer waits mostly for the search bundle (2.5 s on a slow phone): load it now,
    // search nothing. An English UI searches the KB's default language, which the config names.
    this.#prefetched = true;
    const known = this.config || isContentLanguage(this.#settings().uiLang);
    void (known ? this.#engine(true) : config.then(() => this.#engine(true))).catch(() => undefined); // silent: the first search loads again
  }

  /** Marks the session woken and loads the config (again, after a failure). */
  #rouse(): Promise<void> {
    this.#woken = true;
    return this.#loadConfig();
  }

  /** Saves a pending draft now: the page is being hidden or left, and the debounce would never fire. */
  flush(): void {
    if (this.#timers.has('save')) void this.#saveDraft(true);
    this.#sendPendingSearch();
  }

  /**
   * The element was removed: a pending draft save happens now rather than never, and an unfinished
   * Send is aborted (its payload stays frozen for next time).
   */
  dispose(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#inFlight?.abort();
    this.flush();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#revokeAll();
  }

  // ---- intents -------------------------------------------------------------------------------

  setField<K extends keyof TicketFields>(name: K, value: TicketFields[K]): void {
    const fields = { ...this.state.fields, [name]: value };
    if (!this.#restored) this.#typedBeforeRestore.add(name);
    // The funnel counts a session once the customer starts filling the form, not when they merely hover it.
    if (!this.#opened && name !== 'website') {
      this.#opened = true;
      this.#track({ type: 'widget-opened', query: '', lang: this.contentLang });
    }
    if (name === 'department') fields.topic = '';
    if (name === 'topic') Object.assign(fields, { paidAcknowledged: false, changedBefore: '' });
    if (name === 'priority' && value !== 'high') fields.serviceDown = false;
    const serverErrors = this.state.serverErrors.has(name) ? new Map([...this.state.serverErrors].filter(([k]) => k !== name)) : this.state.serverErrors;
    this.#set({ fields, serverErrors });
    this.wake();
    this.#later('save', saveDelayMs, () => this.#saveDraft());
    if (name === 'subject' && !String(value).trim()) this.#clearSearch(); // at once: suggestions for a subject that is gone mislead
    if (name === 'subject' || name === 'message' || name === 'department') this.#later('search', searchDelayMs, () => this.#runSearch());
  }

  touch(name: FieldName): void {
    if (!this.state.touched.has(name)) this.#set({ touched: new Set(this.state.touched).add(name) });
  }

  /**
   * Continue. Returns the field to focus when the step is refused (its first invalid field), so the
   * element can move focus there; undefined when the customer moved on.
   */
  next(): FieldName | undefined {
    this.wake();
    const from = this.state.flow;
    if (from.step === 'review' || !this.#go({ type: 'next' })) return from.step === 'review' ? undefined : this.#refuse(from.step as FormStep);
    return undefined;
  }

  back(): void {
    this.#go({ type: 'back' });
  }

  edit(step: FormStep): void {
    this.#go({ type: 'edit', step });
  }

  /** The customer opened a suggested article (it opens in a new tab; the form stays as it is). */
  openSuggestion(hit: ArticleHit): void {
    this.#track({ type: 'suggestion-opened', query: this.state.search.query, lang: this.contentLang, article: hit.url });
  }

  deflect(hit: ArticleHit): void {
    const { query } = this.state.search;
    const article = { url: hit.url, title: hit.title };
    this.#emit('support-ticket-deflected', { query, article });
    this.#track({ type: 'deflected', query, lang: this.contentLang, article: hit.url });
    this.#go({ type: 'deflect', article });
    void this.#keep((s, key) => s.clear(key));
  }

  /** "No, I still need help" after "This solved it": the form comes back as it was, and so does its draft. */
  undoDeflect(): void {
    const { flow } = this.state;
    if (flow.step !== 'deflected' || !this.#go({ type: 'undo-deflect' })) return;
    // Not yet in core/contract/search-event.ts: the KB counts a deflection that did not hold.
    this.#track({ type: 'deflection-undone', query: this.state.search.query, lang: this.contentLang, article: flow.article.url });
    void this.#keep(async (store, key) => {
      const attachments: AttachmentView[] = [];
      for (const a of this.state.attachments) attachments.push({ ...a, id: await store.addFile(key, a.file) });
      this.#set({ attachments });
      await this.#saveDraft();
    });
  }

  /** Throws the restored draft away, files included, and starts a blank form. */
  discard(): void {
    void this.#keep((store, key) => store.clear(key));
    this.#revokeAll();
    this.#blank({});
    this.#set({ serverErrors: new Map(), attachments: [], attachmentErrors: [], restoredDraft: undefined });
    this.#go({ type: 'discard' });
    this.#cancel('save'); // nothing left to save: a blank form is saved once the customer types again
  }

  restart(): void {
    this.#startedAt = this.#deps.now().toISOString();
    this.#blank({ name: this.state.fields.name, email: this.state.fields.email });
    this.#go({ type: 'restart' });
  }

  /** Empty fields but `keep` and what the page knows of the customer; no errors, no search. */
  #blank(keep: Partial<TicketFields>): void {
    const s = this.#settings();
    this.#searchesTracked.clear();
    this.#clearSearch();
    this.#set({ fields: { ...emptyFields(s.department), ...keep, ...this.#known(s) }, touched: new Set(), attempted: new Set() });
  }

  #revokeAll(): void {
    for (const a of this.state.attachments) if (a.url) this.#deps.revoke(a.url);
  }

  async addFiles(incoming: readonly File[]): Promise<void> {
    const policy = this.config?.attachments ?? defaultAttachmentPolicy;
    const prepared = await Promise.all(incoming.map((file) => this.#deps.prepareFile(file, policy.allowedTypes)));
    const { accepted, rejected } = checkFiles(this.state.attachments.map((a) => a.file), prepared, policy);
    const added: AttachmentView[] = [];
    for (const file of accepted) {
      let id = this.#deps.newKey(); // kept in memory when storage fails: the file still goes with the ticket
      await this.#keep(async (store, key) => (id = await store.addFile(key, file)));
      added.push(this.#view(id, file));
    }
    this.#set({ attachments: [...this.state.attachments, ...added], attachmentErrors: rejected.map((r) => ({ name: r.file.name, code: r.code })) });
  }

  removeFile(id: string): void {
    const gone = this.state.attachments.find((a) => a.id === id);
    if (gone?.url) this.#deps.revoke(gone.url);
    this.#set({ attachments: this.state.attachments.filter((a) => a.id !== id) });
    void this.#keep((store, key) => store.removeFile(key, id));
  }

  /**
   * Send (and "Try again", which sends the same frozen payload with the same key). Returns the field
   * to focus when something earlier is missing (a restored draft, a config that arrived late).
   */
  async send(): Promise<FieldName | undefined> {
    if (this.sending) return undefined; // a double click sends once
    if (!this.#frozen && !this.config) {
      // Topics, paid terms and the reply time come with the config: without it, the ticket waits (as a draft).
      this.wake();
      await this.#configLoad;
      if (!this.config) return undefined;
    }
    const context = this.context;
    const { fields } = this.state;
    if (!canLeaveStep('review', fields, context)) {
      const broken = visibleSteps(context).find((step) => step !== 'review' && stepErrors(step, fields, context).size > 0);
      if (!broken) return undefined; // only a secret blocks Send, and review says where it is
      this.#go({ type: 'edit', step: broken });
      return this.#refuse(broken);
    }
    const s = this.#settings();
    const { search, attachments } = this.state;
    const ticket = toTicket(fields, context, {
      lang: s.uiLang,
      ...(s.customerToken ? { customerToken: s.customerToken } : {}),
      startedAt: this.#startedAt,
      pageUrl: s.pageUrl,
      attachments: attachmentsMetadata(attachments.map((a) => a.file)),
      ...(search.query ? { deflection: { query: search.query.slice(0, limits.searchQuery.max), suggested: search.suggestions.map((h) => h.url) } } : {}),
    });
    if (!this.#go({ type: 'send' })) return undefined;
    this.#cancel('save');
    let frozen = this.#frozen ?? { ticket, idempotencyKey: this.#deps.newKey(), frozenAt: this.#deps.now().toISOString() };
    // The draft must match what is frozen: after a reload mid-send, review is rebuilt from it. When
    // storage fails the ticket still goes, with its key kept in memory for "Try again".
    await this.#keep(async (store, key) => {
      await store.saveFields(key, { ...fields }, 'review');
      frozen = await store.freeze(key, frozen);
    });
    this.#frozen = frozen;
    await this.#deliver(frozen.ticket, frozen.idempotencyKey);
    return undefined;
  }

  // ---- sending -------------------------------------------------------------------------------

  /** Sends a frozen payload and settles the outcome. */
  async #deliver(ticket: Ticket, idempotencyKey: string): Promise<void> {
    const controller = new AbortController();
    this.#inFlight = controller;
    const files = this.state.attachments.map((a) => a.file);
    const onStatus = (progress: SendStatus) => this.#set({ progress });
    const submit = this.#settings().submit;
    const options = { ticket, files, idempotencyKey, signal: controller.signal, onStatus };
    const result = submit
      ? await this.#deps.callSubmitFunction(submit, options)
      : await this.#deps.sendTicket({ endpoint: this.#settings().ticketEndpoint, ...options });
    await this.#settle(result, ticket);
  }

  /**
   * Shows the outcome whatever storage does: its bookkeeping is issued first (so a page opened right
   * after finds it done) but awaited only after, and its failures only reach the console.
   */
  async #settle(result: SubmitResult, ticket: Ticket): Promise<void> {
    this.#inFlight = undefined;
    this.state = { ...this.state, progress: undefined };
    if (result.kind !== 'gave-up' && result.kind !== 'aborted') this.#frozen = undefined;
    switch (result.kind) {
      case 'created': {
        const now = this.#deps.now();
        const config = this.config;
        // Without the server's word, a commitment is dated here; a queue's opening needs the hours, which the widget does not ship.
        const replyExpectation = result.replyExpectation ?? (config && commitment(marketFor(config, this.contentLang), ticket.department, now));
        const sent = { subject: ticket.subject, department: ticket.department, sentAt: now.toISOString(), number: result.number };
        const bookkeeping = this.#keep((store, key) => Promise.all([store.clear(key), store.rememberSent(sent)]));
        this.#revokeAll();
        this.#set({
          recent: [sent, ...this.state.recent],
          attachments: [],
          result: {
            number: result.number,
            email: ticket.customer.email,
            ...(replyExpectation ? { replyExpectation } : {}),
            sentAt: now.toISOString(),
            confirmationEmail: result.confirmationEmail === true,
            ...(result.token ? { statusUrl: statusPageUrl(this.#settings().kbOrigin, this.contentLang, result.number, result.token) } : {}),
          },
        });
        this.#go({ type: 'sent', result: { id: result.id, number: result.number } });
        this.#emit('support-ticket-submitted', { id: result.id, number: result.number });
        this.#track({ type: 'ticket-sent', query: '', lang: this.contentLang });
        await bookkeeping;
        return;
      }
      case 'rejected': {
        // A definite no: unfreeze so the corrected ticket goes out with a new key.
        const unfrozen = this.#keep((store, key) => store.unfreeze(key));
        this.#set({ serverErrors: new Map(result.fieldErrors.map((e) => [fieldForPath(e.path), e.message])) });
        this.#go({ type: 'failed', failure: { retryable: false, problem: result.problem } });
        this.#emit('support-ticket-error', { kind: 'rejected', status: result.status });
        await unfrozen;
        return;
      }
      case 'gave-up':
      case 'aborted': {
        // The payload and key stay frozen: "Try again" sends exactly this ticket.
        const reason = result.kind === 'gave-up' ? result.reason : 'aborted';
        const retryAfterMs = result.kind === 'gave-up' ? result.retryAfterMs : undefined;
        this.#go({ type: 'failed', failure: { retryable: true, reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } });
        this.#emit('support-ticket-error', { kind: reason });
        return;
      }
    }
  }

  // ---- deflection search ---------------------------------------------------------------------

  async #runSearch(): Promise<void> {
    const step = this.state.flow.step;
    if (step !== 'describe' && step !== 'department') return;
    const { subject, message, department } = this.state.fields;
    const queries = deflectionQueries(subject, message);
    const key = `${queries.join('|')}|${department}`;
    if (!queries.length) return this.#clearSearch();
    if (key === this.#searchKey) return;
    this.#searchKey = key;
    const query = queries[0] ?? '';
    // Typed on: the query on screen was a step on the way, not a search.
    if (this.#pendingSearch && fold(this.#pendingSearch.query) !== fold(query)) this.#dropPendingSearch();
    this.#set({ search: { ...this.state.search, state: 'loading', query } });
    try {
      // A prefetch that failed is retried here, also when this search was waiting for it.
      const afterPrefetch = this.#search?.prefetch;
      const engine = await this.#engine().catch((error: unknown) => {
        if (afterPrefetch) return this.#engine();
        throw error;
      });
      const suggestions = await suggestArticles(engine, queries, department || undefined);
      if (key !== this.#searchKey) return; // the customer typed on, or cleared the subject
      this.#set({ search: { state: 'ready', suggestions, query } });
      // Once per query: the department only filters what is shown, it is no new search to count.
      if (this.#searchesTracked.has(fold(query)) || (this.#pendingSearch && fold(this.#pendingSearch.query) === fold(query))) return;
      this.#pendingSearch = { type: suggestions.length ? 'search' : 'search-miss', query, lang: this.contentLang };
      this.#later('search-event', searchEventDelayMs, () => Promise.resolve(this.#sendPendingSearch()));
    } catch (error) {
      if (key !== this.#searchKey) return;
      this.#search = undefined;
      this.#searchKey = '';
      this.#set({ search: { ...this.state.search, state: 'unavailable' } });
      this.#deps.warn('knowledge-base search is unavailable; the form goes on without it.', error);
    }
  }

  /** The KB search engine of the content language, loaded once; a load that failed is forgotten, so the next search loads again. */
  #engine(prefetch = false): Promise<KbSearch> {
    const url = bundleUrl(this.#settings().kbOrigin, languagePath[this.contentLang]);
    if (this.#search?.url === url) return this.#search.engine;
    const loading = { url, engine: this.#deps.loadSearch(url), prefetch };
    this.#search = loading;
    loading.engine.catch(() => this.#search === loading && (this.#search = undefined));
    return loading.engine;
  }

  /** Nothing to search: no suggestions, no "no article matches", and an answer still on its way is dropped. */
  #clearSearch(): void {
    this.#cancel('search');
    this.#dropPendingSearch();
    this.#searchKey = '';
    const { search } = this.state;
    if (search.state !== 'idle' || search.query || search.suggestions.length) this.#set({ search: { state: 'idle', suggestions: [], query: '' } });
  }

  /** Back online after a Send gave up for want of a network: the frozen ticket goes again, with its key. */
  #resume(): void {
    const { flow } = this.state;
    if (flow.step === 'review' && flow.failure?.retryable && flow.failure.reason !== 'rate-limited') void this.send();
  }

  #track(event: SearchEvent): void {
    // Events keep their order: the search a suggestion was opened from is counted before it.
    if (event !== this.#pendingSearch) this.#sendPendingSearch();
    const s = this.#settings();
    this.#sessionId ||= this.#deps.newSessionId();
    this.#deps.postEvent(s.eventsEndpoint || eventsEndpointFor(s.ticketEndpoint), { ...event, session: this.#sessionId });
  }

  /** Records the query on screen as searched, once. */
  #sendPendingSearch(): void {
    const event = this.#pendingSearch;
    this.#dropPendingSearch();
    if (!event || this.#searchesTracked.has(fold(event.query))) return;
    this.#searchesTracked.add(fold(event.query));
    this.#track(event);
  }

  #dropPendingSearch(): void {
    this.#pendingSearch = undefined;
    this.#cancel('search-event');
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Applies a flow event through the reducer; false when the reducer refused it. */
  #go(event: FlowEvent, restoring = false): boolean {
    const context = this.context;
    const to = transition(this.state.flow, event, context, (step) => canLeaveStep(step, this.state.fields, context));
    if (to === this.state.flow) return false;
    this.#set({ flow: to, quiet: restoring, ...(restoring ? {} : { restoredDraft: undefined }) });
    this.#later('save', saveDelayMs, () => this.#saveDraft());
    // Past the steps that search: the query on screen was the customer's last word on it.
    if (to.step !== 'describe' && to.step !== 'department') this.#sendPendingSearch();
    return true;
  }

  /** A refused Continue: every error of the step shows; the first invalid field is the one to focus. */
  #refuse(step: FormStep): FieldName | undefined {
    this.#set({ attempted: new Set(this.state.attempted).add(step) });
    return [...stepErrors(step, this.state.fields, this.context).keys()][0];
  }

  /** Saves fields and step; a secret (password, key, card) is cut out first: it must never rest on the disk. */
  async #saveDraft(unloading = false): Promise<void> {
    this.#cancel('save');
    const step = this.state.flow.step;
    if (step === 'done' || step === 'deflected' || step === 'sending') return;
    const fields = { ...this.state.fields };
    const secrets = secretsIn(fields);
    for (const [name, ranges] of secrets) Object.assign(fields, { [name]: ranges.reduceRight((text, r) => text.slice(0, r.start) + text.slice(r.end), String(fields[name])) });
    await this.#keep((store, key) => store.saveFields(key, fields, step, [...secrets.keys()], unloading));
  }

  /** Runs storage work; storage is a convenience, so a failure goes to the console and the customer goes on. */
  async #keep(work: (store: DraftStore, key: string) => Promise<unknown>): Promise<void> {
    try {
      await work(await this.#openStore(), this.#draftKey);
    } catch (error) {
      this.#deps.warn('the draft could not be saved or updated in this browser; going on without it:', error);
    }
  }

  /** Fetches the config with a few retries; meanwhile, and if they all fail, the last one that loaded. */
  #loadConfig(): Promise<void> {
    const s = this.#settings();
    if (!this.#woken || s.config || this.#configFresh) return Promise.resolve();
    this.#configLoad ??= (async () => {
      for (let failures = 1; ; failures++) {
        try {
          const fetchedConfig = await this.#deps.fetchConfig(s.kbOrigin);
          this.#configFresh = true;
          this.#deps.configCache.write(s.kbOrigin, fetchedConfig);
          this.#set({ fetchedConfig, configFailed: false });
          return;
        } catch (error) {
          const fetchedConfig = this.state.fetchedConfig ?? this.#deps.configCache.read(s.kbOrigin);
          if (failures >= configAttempts) {
            this.#set({ fetchedConfig, configFailed: !fetchedConfig });
            return this.#deps.warn('could not load the support configuration from', s.kbOrigin, error);
          }
          this.#set({ fetchedConfig });
          await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures)));
        }
      }
    })().finally(() => (this.#configLoad = undefined));
    return this.#configLoad;
  }

  /** What the host page knows of the customer and the service, which fills those fields. */
  #known(s: SessionSettings): Partial<TicketFields> {
    return { ...(s.customerName ? { name: s.customerName } : {}), ...(s.customerEmail ? { email: s.customerEmail } : {}), ...(s.service ? { service: s.service } : {}) };
  }

  #view(id: string, file: File): AttachmentView {
    const url = this.#deps.thumbnail(file);
    return url ? { id, file, url } : { id, file };
  }

  #openStore(): Promise<DraftStore> {
    this.#store ??= this.#deps.openStore();
    return this.#store;
  }

  #set(changes: Partial<SessionState>): void {
    this.state = { ...this.state, ...changes };
    this.#onChange();
  }

  #later(name: 'save' | 'search' | 'search-event', ms: number, work: () => Promise<void>): void {
    this.#cancel(name);
    this.#timers.set(name, setTimeout(() => void work(), ms));
  }

  #cancel(name: 'save' | 'search' | 'search-event'): void {
    clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
  }
}
