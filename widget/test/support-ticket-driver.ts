/**
 * Drives `<support-ticket>` the way a customer does (typing, clicking, choosing) through its open
 * shadow root, for the component tests. Fields are found by the ids the steps give them (`#f-subject`),
 * buttons by their `part` or their visible text.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/support-ticket.ts';
// The form the element loads on the first interaction, loaded up front: served from source here, its
// first load is slow enough to eat into the tests' timeouts (e2e tests load it lazily, built).
import '../src/internal/form.ts';
import type { SupportTicketElement } from '../src/support-ticket.ts';
import type { DepartmentKey, PriorityKey } from '../../core/contract/support-keys.ts';

export type { SupportTicketElement };

export interface WidgetAttributes {
  kb?: string;
  endpoint: string;
  lang?: string;
  [attribute: string]: string | undefined;
}

/** A ticket endpoint of its own for one test, so that its draft key (and draft) is its own too. */
export const freshEndpoint = (): string => `${location.origin}/api/tickets/${crypto.randomUUID()}`;

/** The step each widget on the page last announced with `support-ticket-step` (its public event). */
const steps = new WeakMap<EventTarget, string>();
document.addEventListener('support-ticket-step', (event) => {
  if (event.target) steps.set(event.target, (event as CustomEvent<{ step: string }>).detail.step);
}, { capture: true });

/** The step the widget is on, as its `support-ticket-step` events said. */
export const stepOf = (el: SupportTicketElement): string => steps.get(el) ?? '';

/**
 * Puts a `<support-ticket>` on the page. What a customer types before the saved draft is read is
 * kept (a test pins that), so nothing to wait for but the first render.
 */
export async function openWidget(attributes: WidgetAttributes, listen: Record<string, (event: CustomEvent) => void> = {}): Promise<SupportTicketElement> {
  const el = document.createElement('support-ticket');
  for (const [name, value] of Object.entries({ kb: location.origin, ...attributes })) if (value !== undefined) el.setAttribute(name, value);
  for (const [type, listener] of Object.entries(listen)) el.addEventListener(type, listener as EventListener);
  await fixture(html`${el}`);
  await el.updateComplete;
  return el;
}

/** `waitUntil` with a timeout that fits debounced searches, saves and one retry with backoff. */
export const until = (predicate: () => unknown, message: string, timeout = 4000) => waitUntil(predicate, `waiting for ${message}`, { timeout, interval: 20 });

export const shadow = (el: SupportTicketElement): ShadowRoot => el.shadowRoot!;

/** The one element matching `selector` in the current step; throws a readable error otherwise. */
export function $<T extends Element = HTMLElement>(el: SupportTicketElement, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} on step "${stepOf(el)}"`);
  return found;
}

export const $$ = <T extends Element = HTMLElement>(el: SupportTicketElement, selector: string): T[] => [...shadow(el).querySelectorAll<T>(selector)];

/** Whether the current step shows something matching `selector` (assert on this, not on elements: a failing
 * assertion that holds a DOM element makes the test runner hang while it serializes the element). */
export const has = (el: SupportTicketElement, selector: string): boolean => shadow(el).querySelector(selector) !== null;

export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const heading = (el: SupportTicketElement): string => text($(el, '[data-step-heading]'));

/** The button whose visible text is `label`. */
export function button(el: SupportTicketElement, label: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" on step "${stepOf(el)}"; buttons: ${$$(el, 'button').map((b) => `"${text(b)}"`).join(', ')}`);
  return found;
}

export async function click(el: SupportTicketElement, target: HTMLElement | string): Promise<void> {
  (typeof target === 'string' ? $(el, target) : target).click();
  await el.updateComplete;
}

/** Types into a field as a customer does: focus, the whole value as one input, then leave the field. */
export async function type(el: SupportTicketElement, field: string, value: string): Promise<void> {
  const control = $<HTMLInputElement | HTMLTextAreaElement>(el, `#f-${field}`);
  control.focus();
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  control.blur();
  await el.updateComplete;
}

export async function select(el: SupportTicketElement, field: string, value: string): Promise<void> {
  const control = $<HTMLSelectElement>(el, `#f-${field}`);
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export const next = (el: SupportTicketElement) => click(el, '[part="next"]');

export const errorOf = (el: SupportTicketElement, field: string): string => text(shadow(el).querySelector(`#f-${field}-error`));

/** The configuration is fetched on the first interaction; a department shows its topics once it is in. */
export const topicsShown = (el: SupportTicketElement) => until(() => has(el, '#f-topic'), 'the topics, which come with the support configuration');

/** What the customer writes in a quick, valid ticket; each test changes what it is about. */
export interface QuickTicket {
  subject: string;
  department: DepartmentKey;
  topic: string;
  priority?: PriorityKey;
  message: string;
  name?: string;
  email?: string;
}

/** Fills every step with a valid ticket and stops on review. */
export async function fillToReview(el: SupportTicketElement, ticket: QuickTicket): Promise<void> {
  await type(el, 'subject', ticket.subject);
  await next(el);
  await until(() => stepOf(el) === 'department', 'the department step');
  await click(el, `#f-department-${ticket.department}`);
  await topicsShown(el);
  await select(el, 'topic', ticket.topic);
  if (shadow(el).querySelector('#f-paidAcknowledged')) await click(el, '#f-paidAcknowledged');
  await next(el);
  await until(() => stepOf(el) === 'details', 'the details step');
  if (ticket.priority) await click(el, `#f-priority-${ticket.priority}`);
  await type(el, 'message', ticket.message);
  await next(el);
  await until(() => stepOf(el) === 'contact', 'the contact step');
  await type(el, 'name', ticket.name ?? 'Ana Souza');
  await type(el, 'email', ticket.email ?? 'ana@loja.com.br');
  await next(el);
  await until(() => stepOf(el) === 'review', 'the review step');
}

/** A small real PNG, like a screenshot of an error. */
export async function screenshot(name = 'erro-550.png'): Promise<File> {
  const canvas = new OffscreenCanvas(24, 16);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#b3261e';
  context.fillRect(0, 0, 24, 16);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png', lastModified: 1_790_000_000_000 });
}

/** Chooses files in the file picker of the details step. */
export async function attach(el: SupportTicketElement, ...files: File[]): Promise<void> {
  const input = $<HTMLInputElement>(el, '#f-files');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}
