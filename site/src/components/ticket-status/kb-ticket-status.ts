/**
 * `<kb-ticket-status>`: the ticket status page's island. Reads `#{number}:{token}` (each part
 * URL-encoded, as the widget and the confirmation e-mail write it) from the address, asks
 * `GET {endpoint}/{number}` with the token as a Bearer credential, and fills in the markup
 * TicketStatusPage.astro rendered: the ticket, its timeline, and, where the API allows them, the
 * reply form and the close button. The fragment stays in the address so the page can be
 * bookmarked; the token goes nowhere but the Authorization header. While the page is in sight it
 * reads the ticket again every minute (live-refresh.ts) and says what is new, so support's answer
 * appears without a reload.
 *
 * @attr data-endpoint - the tickets API, e.g. `/api/tickets`
 * @attr data-statuses - JSON `{ [status]: label }`
 * @attr data-departments - JSON `{ [key]: name }`
 * @attr data-priorities - JSON `{ [key]: name }`
 * @attr data-loading - announced while the ticket loads
 * @attr data-not-found - announced for a wrong or incomplete link (the API answers 404 for both)
 * @attr data-unavailable - announced when the API cannot be reached; a retry button appears
 * @attr data-reply-words - JSON: the page language's reply words (core/i18n/reply-words.*)
 * @attr data-markets - JSON `{ [timeZone]: { condition?, closingDays? } }`: what each market's policy adds
 * @attr data-time-zone - the page's market zone, for answers that do not name theirs
 * @attr data-closing - the automatic-closing hint, `{days}` filled, where the ticket's market closes tickets
 * @attr data-words - JSON `ThreadWords`: the timeline, the reply form and closing
 * @attr data-attachments - JSON: the support config's attachment policy, for reply files
 */

import { limits } from '../../../../core/contract/limits.ts';
import { isReplyExpectation } from '../../../../core/contract/reply-expectation.ts';
import type { ProblemFieldError } from '../../../../core/contract/problem.ts';
import type { UiLanguage } from '../../../../core/contract/locales.ts';
import { format } from '../../../../core/i18n/format.ts';
import { replySentences, zonedTime } from '../../../../core/i18n/reply-text.ts';
import type { ReplyWords } from '../../../../core/i18n/reply-words.en.ts';
import { checkFiles, formatBytes, type AttachmentPolicy } from '../../../../core/validation/attachments.ts';
import { characterRule, problemText, ReplyDraft, replyFingerprint, replyProblem } from './reply-draft.ts';
import { closeTicket, lookUp, sendReply, type ActionFailure, type PublicTicket } from './ticket-actions.ts';
import { LiveRefresh, type CheckOutcome } from './live-refresh.ts';
import { helpdeskLabel, threadItems, ticketNews, type ThreadItem, type ThreadWords } from './ticket-thread.ts';

/** `#BR-000123:token` -> its parts; null when the fragment is missing, incomplete or badly encoded. */
function readFragment(hash: string): { number: string; token: string } | null {
  const raw = hash.replace(/^#/, '');
  const colon = raw.indexOf(':');
  if (colon < 1) return null;
  try {
    const number = decodeURIComponent(raw.slice(0, colon)).trim();
    const token = decodeURIComponent(raw.slice(colon + 1)).trim();
    return number && token ? { number, token } : null;
  } catch {
    return null;
  }
}

function sessionStore(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined; // storage blocked: the draft lives on the page only
  }
}

class KbTicketStatus extends HTMLElement {
  #run?: AbortController;
  #shown?: string;
  #access?: { number: string; token: string };
  #draft?: ReplyDraft;
  #files: File[] = [];
  /** One reply or close at a time: a double click sends once. */
  #busy = false;
  #onHashChange = () => void this.#show();
  /** The ticket as the page shows it now: what a later read is compared with. */
  #shownTicket?: PublicTicket;
  #live = new LiveRefresh(() => this.#checkForNews(), {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    visible: () => document.visibilityState === 'visible',
  });
  #onVisibility = () => this.#live.visibilityChanged();

  get #endpoint(): string {
    return this.dataset.endpoint ?? '/api/tickets';
  }

  get #words(): ThreadWords {
    return JSON.parse(this.dataset.words ?? '{}') as ThreadWords;
  }

  get #lang(): string {
    return document.documentElement.lang;
  }

  #$<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  connectedCallback(): void {
    const form = this.#$<HTMLFormElement>('[data-lookup] form');
    // Handler properties rather than listeners: reconnecting the element must not double them.
    form.onsubmit = (event) => {
      event.preventDefault();
      const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
      const number = field('number').toUpperCase();
      const token = field('token').replace(/\s+/g, '');
      // A new history entry: Back returns to the empty form.
      location.hash = `${encodeURIComponent(number)}:${encodeURIComponent(token)}`;
      void this.#show(true);
    };
    this.#$('[data-retry]').onclick = () => void this.#show(true);
    this.#wireReply();
    this.#wireClose();
    addEventListener('hashchange', this.#onHashChange);
    document.addEventListener('visibilitychange', this.#onVisibility);
    void this.#show();
  }

  disconnectedCallback(): void {
    this.#run?.abort();
    this.#live.stop();
    removeEventListener('hashchange', this.#onHashChange);
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  async #show(again = false): Promise<void> {
    if (!again && location.hash === this.#shown) return;
    this.#shown = location.hash;
    this.#run?.abort();
    const run = (this.#run = new AbortController());
    const [status, retry, ticketBox, lookup] = [this.#$('.line [role=status]'), this.#$('[data-retry]'), this.#$('[data-ticket]'), this.#$('[data-lookup]')];
    this.#carryToOtherLanguage();
    this.#live.stop();
    const fragment = readFragment(location.hash);
    const say = (text = '') => (status.textContent = text);
    if (!fragment) {
      [ticketBox.hidden, retry.hidden] = [true, true];
      lookup.hidden = false;
      const number = location.hash.replace(/^#/, '').split(':')[0];
      if (number) this.#$<HTMLInputElement>('#ticket-number').value = safeDecode(number);
      say(number ? this.dataset.notFound : '');
      return;
    }
    say(this.dataset.loading);
    let outcome: Awaited<ReturnType<typeof lookUp>>;
    try {
      outcome = await lookUp({ endpoint: this.#endpoint, ...fragment, signal: run.signal });
    } catch {
      return; // a newer fragment took over
    }
    // The retry button stays put while loading, so a keyboard user's focus is not lost under it.
    const retryHadFocus = document.activeElement === retry;
    ticketBox.hidden = outcome.kind !== 'found';
    lookup.hidden = outcome.kind !== 'not-found';
    retry.hidden = outcome.kind !== 'unavailable';
    if (outcome.kind === 'found') {
      say();
      this.#open(fragment);
      this.#render(outcome.ticket);
      this.#live.start();
      if (again) this.#$('#ticket-subject').focus();
    } else if (outcome.kind === 'not-found') {
      say(this.dataset.notFound);
      const input = this.#$<HTMLInputElement>('#ticket-number');
      input.value = fragment.number;
      if (retryHadFocus) input.focus();
    } else {
      say(this.dataset.unavailable);
    }
  }

  /** Another ticket on the page: its own draft, no files or messages left from the last one. */
  #open(access: { number: string; token: string }): void {
    if (this.#access?.number === access.number && this.#access.token === access.token) return;
    this.#access = access;
    this.#draft = new ReplyDraft(access.number, sessionStore());
    this.#files = [];
    const textarea = this.#$<HTMLTextAreaElement>('#reply-message');
    textarea.value = this.#draft.message;
    for (const selector of ['[data-reply-feedback]', '[data-close-feedback]']) this.#$(selector).textContent = '';
    this.#showError('#reply-message-error', textarea, '');
    this.#showFileErrors([]);
    this.#renderFiles();
    this.#updateRule();
  }

  /** Renders the ticket; returns its newest timeline item. */
  #render(ticket: PublicTicket): ThreadItem | undefined {
    this.#shownTicket = ticket;
    const labels = (name: string): Record<string, string> => JSON.parse(this.dataset[name] ?? '{}') as Record<string, string>;
    const [statuses, departments, priorities] = [labels('statuses'), labels('departments'), labels('priorities')];
    const field = (name: string) => this.#$(`[data-field="${name}"]`);
    const words = this.#words;
    const replyWords = JSON.parse(this.dataset.replyWords ?? '{}') as ReplyWords;
    // Every time on the market's clock, named: a customer abroad reads the same times support does.
    const timeZone = ticket.timeZone ?? this.dataset.timeZone ?? 'UTC';
    const market = (JSON.parse(this.dataset.markets ?? '{}') as Record<string, { condition?: string; closingDays?: number }>)[timeZone] ?? {};
    const lang = this.#lang;
    const time = (iso: string) => zonedTime(new Date(iso), lang, timeZone, replyWords, { dateStyle: 'long', timeStyle: 'short' });
    const stamp = (element: HTMLElement, iso: string | undefined): boolean => {
      const date = new Date(iso ?? '');
      element.textContent = '';
      if (!iso || Number.isNaN(date.getTime())) return false;
      element.setAttribute('datetime', date.toISOString());
      element.textContent = time(iso);
      return true;
    };
    const row = (name: string, shown: boolean) => ((this.#$(`[data-row="${name}"]`).hidden = !shown));
    const closed = ticket.status === 'closed';
    const actions = ticket.actions;

    field('subject').textContent = ticket.subject || ticket.number;
    field('number').textContent = ticket.number;
    field('helpdeskNumber').textContent = helpdeskLabel(ticket.helpdeskNumber, words);
    badge(field('status'), ticket.status, statuses);
    // An answer waits on the customer too: where it closes by itself, the day is said.
    const waiting = ticket.status === 'waiting-customer';
    this.#$('[data-waiting]').hidden = !(waiting || ticket.closesOn);
    this.#$('[data-waiting-text]').hidden = !waiting;
    // The day it closes, where the server knows it; else the market's rule.
    field('closing').textContent = ticket.closesOn
      ? format(words.closesOn, { date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${ticket.closesOn}T00:00:00Z`)) })
      : market.closingDays ? format(this.dataset.closing ?? '', { days: market.closingDays }) : '';
    this.#$('[data-closed="reopen"]').hidden = !(closed && actions?.reply && actions.reopenable);
    this.#$('[data-closed="final"]').hidden = !(closed && actions && !actions.reopenable);
    stamp(field('createdAt'), ticket.createdAt);
    // Read later than it was said: once the opening has passed, only the queue is stated, never "attending now".
    const reply = isReplyExpectation(ticket.replyExpectation)
      ? replySentences(ticket.replyExpectation, { lang, timeZone, words: replyWords, at: new Date(), attending: false, ...(market.condition ? { condition: market.condition } : {}) })
      : [];
    field('replyExpectation').textContent = reply.join(' ');
    row('replyExpectation', reply.length > 0 && !closed);
    field('department').textContent = (ticket.department && departments[ticket.department]) || ticket.department || '';
    row('department', !!ticket.department);
    field('priority').textContent = (ticket.priority && priorities[ticket.priority]) || ticket.priority || '';
    row('priority', !!ticket.priority);

    // Only what the API allows now: an older backend that names no actions gets the receipt alone.
    this.#$('[data-reply]').hidden = !actions?.reply;
    const title = this.#$('#reply-title');
    title.textContent = (closed ? title.dataset.reopen : title.dataset.open) ?? '';
    this.#$('[data-close]').hidden = !actions?.close;
    const lead = this.#$('#close-lead');
    lead.textContent = (actions?.reopenable === false ? lead.dataset.final : lead.dataset.reopenable) ?? '';

    const items = threadItems(ticket.history ?? [], { words, statuses, lang, time });
    this.#$('ol.history').replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        if (item.by) li.dataset.by = item.by;
        const when = document.createElement('time');
        stamp(when, item.at);
        const event = document.createElement('p');
        event.className = 'event';
        event.append(Object.assign(document.createElement('span'), { textContent: item.title }), badge(document.createElement('span'), item.status, statuses));
        li.append(when, event);
        // A reply is someone's own words, quoted; a note with a change is support's remark.
        if (item.text) li.append(Object.assign(document.createElement(item.by ? 'blockquote' : 'p'), { textContent: item.text }));
        if (item.attachments) li.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: item.attachments }));
        return li;
      }),
    );
    return items[0];
  }

  /**
   * One live check: the ticket read again and, when it changed, shown and its news said where the
   * page says what it is doing (a polite live region: heard once, not the whole timeline).
   */
  async #checkForNews(): Promise<CheckOutcome> {
    const access = this.#access;
    if (!access) return 'gone';
    // A reply or a close under way reads the ticket itself once done.
    if (this.#busy) return 'same';
    const outcome = await lookUp({ endpoint: this.#endpoint, ...access });
    // Another ticket was opened meanwhile: its own schedule took over.
    if (access !== this.#access || this.#busy) return 'same';
    if (outcome.kind === 'not-found') return 'gone';
    if (outcome.kind === 'unavailable') return 'failed';
    const before = this.#shownTicket;
    if (before && JSON.stringify(before) === JSON.stringify(outcome.ticket)) return 'same';
    const newest = this.#render(outcome.ticket);
    const statuses = JSON.parse(this.dataset.statuses ?? '{}') as Record<string, string>;
    const news = before && ticketNews(before, outcome.ticket, newest, { words: this.#words, statuses });
    if (news) this.#$('.line [role=status]').textContent = news;
    return 'changed';
  }

  // ---- replying ---------------------------------------------------------------------------------

  #wireReply(): void {
    const form = this.#$<HTMLFormElement>('[data-reply-form]');
    const textarea = this.#$<HTMLTextAreaElement>('#reply-message');
    const input = this.#$<HTMLInputElement>('#reply-files');
    textarea.oninput = () => {
      this.#draft?.save(textarea.value);
      this.#updateRule();
      // An error shown goes as soon as it is fixed; a new one waits for Send.
      if (textarea.getAttribute('aria-invalid') === 'true') this.#checkMessage(false);
    };
    input.onchange = () => {
      const policy = JSON.parse(this.dataset.attachments ?? '{}') as AttachmentPolicy;
      const { accepted, rejected } = checkFiles(this.#files, [...(input.files ?? [])], policy);
      this.#files = [...this.#files, ...accepted];
      const words = this.#words;
      this.#showFileErrors(rejected.map(({ file, code }) => format(words.fileError, { name: file.name, reason: words.fileReasons[code] })));
      // The same file may be chosen again after removing it.
      input.value = '';
      this.#renderFiles();
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      void this.#sendReply();
    };
  }

  #updateRule(): void {
    const rule = this.#$('[data-rule]');
    const { text, over } = characterRule(this.#$<HTMLTextAreaElement>('#reply-message').value, this.#words, this.#lang);
    rule.textContent = text;
    rule.toggleAttribute('data-over', over);
  }

  /** Shows the text's problem, if any; true when the text can be sent. */
  #checkMessage(focus: boolean): boolean {
    const textarea = this.#$<HTMLTextAreaElement>('#reply-message');
    const problem = replyProblem(textarea.value);
    // Past the maximum, the live rule already says by how much.
    this.#showError('#reply-message-error', textarea, problem === 'too-short' ? problemText(problem, textarea.value, this.#words, this.#lang) : '', problem !== null);
    if (problem && focus) textarea.focus();
    return !problem;
  }

  #showError(selector: string, control: HTMLElement, text: string, invalid = text !== ''): void {
    const error = this.#$(selector);
    error.textContent = text;
    error.hidden = !text;
    if (invalid) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  #showFileErrors(lines: string[]): void {
    const box = this.#$('#reply-files-error');
    box.replaceChildren(...lines.flatMap((line, i) => (i ? [document.createElement('br'), line] : [line])));
    box.hidden = lines.length === 0;
    const input = this.#$('#reply-files');
    if (lines.length) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  #renderFiles(): void {
    const list = this.#$('[data-files]');
    const words = this.#words;
    list.replaceChildren(
      ...this.#files.map((file, index) => {
        const li = document.createElement('li');
        const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'button secondary', textContent: format(words.removeFile, { name: file.name }) });
        remove.onclick = () => {
          this.#files = this.#files.filter((_, i) => i !== index);
          this.#renderFiles();
          // Focus stays in the list (the next file's button), or goes back to choosing files.
          (list.querySelectorAll('button')[Math.min(index, this.#files.length - 1)] ?? this.#$('#reply-files')).focus();
        };
        li.append(Object.assign(document.createElement('span'), { textContent: `${file.name} (${formatBytes(file.size, this.#lang)})` }), remove);
        return li;
      }),
    );
  }

  async #sendReply(): Promise<void> {
    if (this.#busy || !this.#access || !this.#draft) return;
    const feedback = this.#$('[data-reply-feedback]');
    if (!this.#checkMessage(true)) {
      feedback.textContent = '';
      return;
    }
    const textarea = this.#$<HTMLTextAreaElement>('#reply-message');
    const message = textarea.value.trim();
    const files = [...this.#files];
    const key = this.#draft.keyFor(replyFingerprint(message, files));
    const words = this.#words;
    const button = this.#$<HTMLButtonElement>('[data-reply-form] [type=submit]');
    this.#busy = true;
    button.setAttribute('aria-disabled', 'true');
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#busy = false;
      button.removeAttribute('aria-disabled');
    };
    feedback.textContent = words.sending;
    try {
      const outcome = await sendReply({ endpoint: this.#endpoint, ...this.#access }, { message, lang: this.#lang as UiLanguage }, files, key);
      if (outcome.kind !== 'sent') return this.#replyFailed(outcome);
      this.#draft.clear();
      textarea.value = '';
      this.#files = [];
      this.#renderFiles();
      this.#updateRule();
      this.#showFileErrors([]);
      const done = outcome.answer.reopened ? words.sentReopened : words.sent;
      feedback.textContent = outcome.answer.redacted ? `${done} ${words.redacted}` : done;
      // Sent: what follows only reads the ticket again, and must not swallow a close pressed meanwhile.
      release();
      await this.#refresh();
    } finally {
      release();
    }
  }

  #replyFailed(failure: ActionFailure): void {
    const words = this.#words;
    const feedback = this.#$('[data-reply-feedback]');
    if (failure.kind === 'invalid') {
      const textarea = this.#$<HTMLTextAreaElement>('#reply-message');
      const about = (path: string) => failure.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
      const text = about('message');
      const files = [...about('files'), ...about('attachments')];
      const other = failure.errors.filter((e) => !text.includes(e) && !files.includes(e));
      if (text.length) this.#showError('#reply-message-error', textarea, text.map((e) => e.message).join(' '));
      if (files.length) this.#showFileErrors(files.map((e) => this.#fileProblem(e)));
      feedback.textContent = [failure.title, ...other.map((e) => e.message)].filter(Boolean).join(' ');
      (text.length ? textarea : files.length ? this.#$('#reply-files') : null)?.focus();
      return;
    }
    feedback.textContent = this.#failureText(failure, words.failed);
    // The page learns the ticket is closed for good: the form gives way to "open a new ticket".
    if (failure.kind === 'new-ticket-needed') void this.#refresh();
  }

  /** "erro.zip: …" where the server names the file by its index. */
  #fileProblem(error: ProblemFieldError): string {
    const index = Number(/^(?:files|attachments)\.(\d+)/.exec(error.path)?.[1]);
    const file = Number.isInteger(index) ? this.#files[index] : undefined;
    return file ? format(this.#words.fileError, { name: file.name, reason: error.message }) : error.message;
  }

  #failureText(failure: Exclude<ActionFailure, { kind: 'invalid' }>, failed: string): string {
    const words = this.#words;
    return failure.kind === 'not-found' ? (this.dataset.notFound ?? '')
      : failure.kind === 'rate-limited' ? words.rateLimited
      : failure.kind === 'too-large' ? words.tooLarge
      : failure.kind === 'new-ticket-needed' ? words.newTicketNeeded
      : failed;
  }

  /** The ticket again after the customer changed it, without the page's loading message. */
  async #refresh(): Promise<void> {
    if (!this.#access) return;
    try {
      const outcome = await lookUp({ endpoint: this.#endpoint, ...this.#access });
      if (outcome.kind === 'found' && outcome.ticket.number === this.#access.number) this.#render(outcome.ticket);
    } catch {
      // Left as shown: the next visit reads it again.
    }
  }

  // ---- closing ----------------------------------------------------------------------------------

  #wireClose(): void {
    const dialog = this.#$<HTMLDialogElement>('[data-close-dialog]');
    const note = this.#$<HTMLTextAreaElement>('#close-note');
    this.#$('[data-close-open]').onclick = () => {
      this.#$('[data-close-status]').textContent = '';
      dialog.showModal();
    };
    this.#$('[data-close-cancel]').onclick = () => dialog.close();
    note.oninput = () => {
      if (note.getAttribute('aria-invalid') === 'true') this.#checkNote();
    };
    this.#$<HTMLFormElement>('[data-close-form]').onsubmit = (event) => {
      event.preventDefault();
      void this.#close();
    };
    // Focus returns to the button that opened the dialog, which may be gone once the ticket is closed.
    dialog.onclose = () => {
      const opener = this.#$('[data-close-open]');
      (this.#$('[data-close]').hidden ? this.#$('#ticket-subject') : opener).focus();
    };
  }

  #checkNote(): boolean {
    const note = this.#$<HTMLTextAreaElement>('#close-note');
    const tooLong = note.value.trim().length > limits.statusNote.max;
    const error = this.#$('#close-note-error');
    error.hidden = !tooLong;
    if (tooLong) note.setAttribute('aria-invalid', 'true');
    else note.removeAttribute('aria-invalid');
    return !tooLong;
  }

  async #close(): Promise<void> {
    if (this.#busy || !this.#access) return;
    const note = this.#$<HTMLTextAreaElement>('#close-note');
    if (!this.#checkNote()) return note.focus();
    const words = this.#words;
    const status = this.#$('[data-close-status]');
    const button = this.#$<HTMLButtonElement>('[data-close-form] [type=submit]');
    this.#busy = true;
    button.setAttribute('aria-disabled', 'true');
    status.textContent = words.closing;
    try {
      const text = note.value.trim();
      const outcome = await closeTicket({ endpoint: this.#endpoint, ...this.#access }, { ...(text ? { note: text } : {}), lang: this.#lang as UiLanguage });
      if (outcome.kind !== 'closed') {
        status.textContent = outcome.kind === 'invalid' ? [outcome.title, ...outcome.errors.map((e) => e.message)].filter(Boolean).join(' ') || words.closeFailed : this.#failureText(outcome, words.closeFailed);
        return;
      }
      note.value = '';
      await this.#refresh();
      this.#$<HTMLDialogElement>('[data-close-dialog]').close();
      // Said where the close button was, or at the top once it is gone.
      this.#$(this.#$('[data-close]').hidden ? '.line [role=status]' : '[data-close-feedback]').textContent = words.closedDone;
    } finally {
      this.#busy = false;
      button.removeAttribute('aria-disabled');
    }
  }

  /** The language switch keeps the ticket: the other language's status page reads the same fragment. */
  #carryToOtherLanguage(): void {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('header a[hreflang]')) {
      link.hash = location.hash;
    }
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function badge(element: HTMLElement, status: string, labels: Record<string, string>): HTMLElement {
  element.className = 'badge';
  element.dataset.status = status;
  element.textContent = labels[status] ?? status;
  return element;
}

if (!customElements.get('kb-ticket-status')) customElements.define('kb-ticket-status', KbTicketStatus);
