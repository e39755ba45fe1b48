/**
 * `<kb-ticket-status>`: the ticket status page's island. Reads `#{number}:{token}` (each part
 * URL-encoded, as the widget and the confirmation e-mail write it) from the address, asks
 * `GET {endpoint}/{number}` with the token as a Bearer credential, and fills in the markup
 * TicketStatusPage.astro rendered. The fragment stays in the address so the page can be bookmarked;
 * the token goes nowhere but the Authorization header.
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
 */

import { isReplyExpectation } from '../../../../core/contract/reply-expectation.ts';
import type { TicketStatusAnswer } from '../../../../core/contract/ticket-status.ts';
import { format } from '../../../../core/i18n/format.ts';
import { replySentences, zonedTime } from '../../../../core/i18n/reply-text.ts';
import type { ReplyWords } from '../../../../core/i18n/reply-words.en.ts';

/**
 * The API's answer as the page reads it: the contract's fields, of which only number and status are
 * relied on (a statically hosted KB may talk to another backend); anything else is ignored.
 */
type PublicTicket = Pick<TicketStatusAnswer, 'number' | 'status'> & Partial<Omit<TicketStatusAnswer, 'number' | 'status'>>;

type Outcome = { kind: 'found'; ticket: PublicTicket } | { kind: 'not-found' } | { kind: 'unavailable' };

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

async function lookUp(endpoint: string, number: string, token: string, signal: AbortSignal): Promise<Outcome> {
  try {
    const response = await fetch(`${endpoint}/${encodeURIComponent(number)}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // A status changes and the answer is personal: never from a cache, never with cookies.
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
    // The API hides which tickets exist: a wrong number and a wrong token look the same.
    if ([400, 401, 403, 404].includes(response.status)) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unavailable' };
    const ticket = (await response.json()) as PublicTicket;
    if (typeof ticket?.number !== 'string' || typeof ticket.status !== 'string') return { kind: 'unavailable' };
    return { kind: 'found', ticket };
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'unavailable' };
  }
}

class KbTicketStatus extends HTMLElement {
  #run?: AbortController;
  #shown?: string;
  #onHashChange = () => void this.#show();

  connectedCallback(): void {
    const form = this.querySelector('form')!;
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
    this.querySelector<HTMLButtonElement>('[data-retry]')!.onclick = () => void this.#show(true);
    addEventListener('hashchange', this.#onHashChange);
    void this.#show();
  }

  disconnectedCallback(): void {
    this.#run?.abort();
    removeEventListener('hashchange', this.#onHashChange);
  }

  async #show(again = false): Promise<void> {
    if (!again && location.hash === this.#shown) return;
    this.#shown = location.hash;
    this.#run?.abort();
    const run = (this.#run = new AbortController());
    const $ = <T extends HTMLElement = HTMLElement>(selector: string) => this.querySelector<T>(selector)!;
    const [status, retry, ticketBox, lookup] = [$('[role=status]'), $('[data-retry]'), $('[data-ticket]'), $('[data-lookup]')];
    this.#carryToOtherLanguage();
    const fragment = readFragment(location.hash);
    const say = (text = '') => (status.textContent = text);
    if (!fragment) {
      [ticketBox.hidden, retry.hidden] = [true, true];
      lookup.hidden = false;
      const number = location.hash.replace(/^#/, '').split(':')[0];
      if (number) $<HTMLInputElement>('#ticket-number').value = safeDecode(number);
      say(number ? this.dataset.notFound : '');
      return;
    }
    say(this.dataset.loading);
    let outcome: Outcome;
    try {
      outcome = await lookUp(this.dataset.endpoint ?? '/api/tickets', fragment.number, fragment.token, run.signal);
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
      this.#render(outcome.ticket);
      if (again) $('#ticket-subject').focus();
    } else if (outcome.kind === 'not-found') {
      say(this.dataset.notFound);
      const input = $<HTMLInputElement>('#ticket-number');
      input.value = fragment.number;
      if (retryHadFocus) input.focus();
    } else {
      say(this.dataset.unavailable);
    }
  }

  #render(ticket: PublicTicket): void {
    const labels = (name: string): Record<string, string> => JSON.parse(this.dataset[name] ?? '{}') as Record<string, string>;
    const [statuses, departments, priorities] = [labels('statuses'), labels('departments'), labels('priorities')];
    const field = (name: string) => this.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
    const words = JSON.parse(this.dataset.replyWords ?? '{}') as ReplyWords;
    // Every time on the market's clock, named: a customer abroad reads the same times support does.
    const timeZone = ticket.timeZone ?? this.dataset.timeZone ?? 'UTC';
    const market = (JSON.parse(this.dataset.markets ?? '{}') as Record<string, { condition?: string; closingDays?: number }>)[timeZone] ?? {};
    const lang = document.documentElement.lang;
    const stamp = (element: HTMLElement, iso: string | undefined): boolean => {
      const date = new Date(iso ?? '');
      element.textContent = '';
      if (!iso || Number.isNaN(date.getTime())) return false;
      element.setAttribute('datetime', date.toISOString());
      element.textContent = zonedTime(date, lang, timeZone, words, { dateStyle: 'long', timeStyle: 'short' });
      return true;
    };
    const row = (name: string, shown: boolean) => ((this.querySelector<HTMLElement>(`[data-row="${name}"]`)!.hidden = !shown));

    field('subject').textContent = ticket.subject || ticket.number;
    field('number').textContent = ticket.number;
    badge(field('status'), ticket.status, statuses);
    this.querySelector<HTMLElement>('[data-waiting]')!.hidden = ticket.status !== 'waiting-customer';
    field('closing').textContent = market.closingDays ? format(this.dataset.closing ?? '', { days: market.closingDays }) : '';
    stamp(field('createdAt'), ticket.createdAt);
    // Read later than it was said: once the opening has passed, only the queue is stated, never "attending now".
    const reply = isReplyExpectation(ticket.replyExpectation)
      ? replySentences(ticket.replyExpectation, { lang, timeZone, words, at: new Date(), attending: false, ...(market.condition ? { condition: market.condition } : {}) })
      : [];
    field('replyExpectation').textContent = reply.join(' ');
    row('replyExpectation', reply.length > 0);
    field('department').textContent = (ticket.department && departments[ticket.department]) || ticket.department || '';
    row('department', !!ticket.department);
    field('priority').textContent = (ticket.priority && priorities[ticket.priority]) || ticket.priority || '';
    row('priority', !!ticket.priority);

    // Newest first: what happened last is what the customer came to see.
    const history = [...(ticket.history ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    this.querySelector('ol.history')!.replaceChildren(
      ...history.map((entry) => {
        const li = document.createElement('li');
        const when = document.createElement('time');
        stamp(when, entry.at);
        li.append(when, badge(document.createElement('span'), entry.status, statuses));
        if (entry.note) li.append(Object.assign(document.createElement('p'), { textContent: entry.note }));
        return li;
      }),
    );
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
