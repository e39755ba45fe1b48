/**
 * How the end-to-end tests drive the <support-ticket> widget the way a customer does (through its
 * open shadow root, by role and label, in the widget's own words), and what they watch meanwhile:
 * console errors, CSP violations, focus, computed styles, axe.
 */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ptBR } from '../../widget/src/i18n/pt-BR.ts';
import { it as italian } from '../../widget/src/i18n/it.ts';
import type { Messages } from '../../widget/src/i18n/en.ts';

export type Language = 'pt-BR' | 'it';
export const messages: Record<Language, Messages> = { 'pt-BR': ptBR, it: italian };

/** The demo page on another origin than the KB and the API: the server's DEMO_PORT (PORT + 1). */
export const demoOrigin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4329) + 1}`;

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label that may carry "(opcional)" after it. */
const startsWith = (text: string): RegExp => new RegExp(`^${escapeRegExp(text)}`);
/** A dictionary string with `{placeholders}` as a pattern. */
export const pattern = (template: string, fill: Record<string, string> = {}): RegExp =>
  new RegExp(`^${template.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? (fill[part.slice(1, -1)] ?? '.*') : escapeRegExp(part))).join('')}$`);

// ---- what the tests watch ----------------------------------------------------------------------

export interface PageWatch {
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** `securitypolicyviolation` events seen by the current document. */
  cspViolations(): Promise<string[]>;
}

/** Starts recording console errors and CSP violations; call before `goto`. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    // Capture phase on document: violations inside the widget's shadow root are composed events.
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  return { errors, cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []) };
}

export async function expectClean(watch: PageWatch): Promise<void> {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(await watch.cspViolations(), 'CSP violations').toEqual([]);
}

export async function expectNoAxeViolations(page: Page, label = ''): Promise<void> {
  const results = await new AxeBuilder({ page }).include('support-ticket').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe ${label}`).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page, label = ''): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `horizontal scroll ${label}`).toBeLessThanOrEqual(innerWidth);
}

/** Font sizes (px) of the visible text controls inside the widget: below 16px, iOS zooms in. */
export function controlFontSizes(widget: Locator): Promise<Record<string, number>> {
  return widget.evaluate((host) => {
    const controls = host.shadowRoot!.querySelectorAll<HTMLElement>('input:not([type=radio]):not([type=checkbox]):not([type=file]), textarea, select');
    return Object.fromEntries(
      [...controls]
        .filter((el) => el.getBoundingClientRect().width > 1 && el.getAttribute('aria-hidden') !== 'true')
        .map((el) => [`${el.localName}#${el.id}`, parseFloat(getComputedStyle(el).fontSize)]),
    );
  });
}

export type Styles = Record<string, string>;
export interface WidgetLook {
  host: Styles;
  panel: Styles;
  heading: Styles;
  label: Styles;
  hint: Styles;
  input: Styles;
  textarea: Styles;
  button: Styles;
  inputFillsPanel: boolean;
}

/**
 * The widget's look that a host page must not change: sizes, spacing, box model and text styling of
 * the first step's controls, and whether the inputs fill the panel. Colours and the font family are
 * the host's to choose (custom properties, inherited font), so they are left out.
 */
export function widgetLook(widget: Locator): Promise<WidgetLook> {
  return widget.evaluate((host) => {
    const root = host.shadowRoot!;
    const props = ['font-size', 'font-weight', 'font-style', 'line-height', 'text-transform', 'letter-spacing', 'text-align', 'box-sizing',
      'padding-top', 'padding-left', 'border-top-width', 'border-top-style', 'min-height', 'margin-top', 'margin-bottom', 'display', 'position', 'visibility', 'opacity'];
    const pick = (selector: string): Record<string, string> => {
      const el = root.querySelector(selector);
      if (!el) return { missing: selector };
      const style = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    };
    const panel = root.querySelector<HTMLElement>('[part="panel"]')!;
    const field = root.querySelector<HTMLElement>('#f-subject')!;
    const panelStyle = getComputedStyle(panel);
    const content = panel.clientWidth - parseFloat(panelStyle.paddingLeft) - parseFloat(panelStyle.paddingRight);
    return {
      host: Object.fromEntries(['font-size', 'line-height', 'text-transform', 'letter-spacing', 'box-sizing'].map((p) => [p, getComputedStyle(host).getPropertyValue(p)])),
      panel: pick('[part="panel"]'),
      heading: pick('h2'),
      label: pick('label[for="f-subject"]'),
      hint: pick('#f-subject-hint'),
      input: pick('#f-subject'),
      textarea: pick('#f-message'),
      button: pick('[part="next"]'),
      inputFillsPanel: Math.abs(field.getBoundingClientRect().width - content) < 1,
    };
  });
}

// ---- focus -------------------------------------------------------------------------------------

export interface Focused {
  /** `tag#id text`, e.g. `button# Continuar`, `input#f-subject`. */
  descriptor: string;
  /** Its accessible text (aria-label or text content; empty for form controls). */
  text: string;
  inWidget: boolean;
  focusVisible: boolean;
  /** The element draws an outline wide enough to see. */
  outlined: boolean;
  /** Its box is large enough for the outline to be seen (not a visually hidden control). */
  sizable: boolean;
  isStepHeading: boolean;
}

/** The element that has focus, looking through shadow roots. */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inWidget = false;
    while (el?.shadowRoot?.activeElement) {
      if (el.localName === 'support-ticket') inWidget = true;
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const text = (el.getAttribute('aria-label') ?? (['input', 'textarea', 'select'].includes(el.localName) ? '' : el.textContent) ?? '').trim().replace(/\s+/g, ' ').slice(0, 80);
    return {
      descriptor: `${el.localName}#${el.id} ${text}`.trim(),
      text,
      inWidget,
      focusVisible: el.matches(':focus-visible'),
      outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      sizable: box.width >= 8 && box.height >= 8,
      isStepHeading: el.hasAttribute('data-step-heading'),
    };
  });
}

export function expectVisibleFocus(f: Focused | null, where: string): void {
  expect(f, `something has focus ${where}`).not.toBeNull();
  expect({ descriptor: f!.descriptor, focusVisible: f!.focusVisible, outlined: f!.outlined, sizable: f!.sizable }, `focus is visible ${where}`)
    .toEqual({ descriptor: f!.descriptor, focusVisible: true, outlined: true, sizable: true });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `target`, checking that every stop
 * inside the widget shows its focus. Fails after `max` presses.
 */
export async function tabTo(page: Page, target: RegExp, options: { shift?: boolean; max?: number } = {}): Promise<Focused> {
  const key = options.shift ? 'Shift+Tab' : 'Tab';
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f?.inWidget) expectVisibleFocus(f, `on ${f.descriptor} after ${stops.length + 1} × ${key}`);
    stops.push(f?.descriptor ?? '(body)');
    if (f && target.test(f.descriptor)) return f;
  }
  throw new Error(`${key} never reached ${target}; stops: ${stops.join(' | ')}`);
}

/** Focus is on the new step's heading, visibly, and the heading says `heading`. */
export async function expectFocusOnStepHeading(page: Page, heading: RegExp | string): Promise<void> {
  const expected = typeof heading === 'string' ? new RegExp(`^${escapeRegExp(heading)}$`) : heading;
  // Sending passes through its own state (focus on the review heading while the button is disabled): wait for this step.
  await expect
    .poll(async () => {
      const f = await focused(page);
      return f?.isStepHeading ? f.text : `not a step heading: ${f?.descriptor ?? '(body)'}`;
    }, { message: 'focus moves to the new step heading' })
    .toMatch(expected);
  expectVisibleFocus(await focused(page), 'on the step heading');
}

// ---- the customer's flow -----------------------------------------------------------------------

export interface TicketInput {
  subject: string;
  /** Typed on the first step, with the subject. */
  problem?: string;
  message: string;
  domain?: string;
  /** Shown on the contact step, when the host page does not know the customer. */
  name?: string;
  email?: string;
  /** Paste a PNG screenshot into the message. */
  screenshot?: boolean;
  /** The search may be unavailable (blocked): then no suggestions are expected. */
  expectSuggestions?: boolean;
}

export type StepName = 'describe' | 'department' | 'details' | 'contact' | 'review' | 'done';

export interface SentTicket {
  number: string;
  token: string;
}

export const stepHeading = (widget: Locator): Locator => widget.getByRole('heading', { level: 2 });

/** A PNG made by a canvas, put in a DataTransfer and pasted into the message, as a screenshot from the clipboard. */
export async function pasteScreenshot(widget: Locator, t: Messages): Promise<void> {
  await widget.getByLabel(t.details.message, { exact: true }).evaluate(async (target) => {
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 64;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#b3261e';
    context.fillRect(0, 0, 96, 64);
    context.fillStyle = '#ffffff';
    context.fillRect(8, 8, 80, 12);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
  });
  await expect(widget.getByRole('button', { name: pattern(t.details.remove, { name: 'screenshot-.+\\.png' }) })).toBeVisible();
}

/**
 * Types the problem, sees suggestions, continues, picks the technical department and a topic, the
 * low priority, fills the details (pasting a screenshot) and the contact step when there is one,
 * and stops on review. `onStep` runs once each step is on screen (for axe, style checks).
 */
export async function fillTicket(
  page: Page,
  lang: Language,
  input: TicketInput,
  onStep: (step: StepName) => Promise<void> = async () => {},
): Promise<void> {
  const t = messages[lang];
  const widget = page.locator('support-ticket');
  const heading = stepHeading(widget);

  await expect(heading).toHaveText(t.describe.heading);
  await widget.getByLabel(t.describe.subject).fill(input.subject);
  if (input.problem) await widget.getByLabel(startsWith(t.describe.message)).fill(input.problem);
  if (input.expectSuggestions ?? true) {
    await expect(widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('listitem').first()).toBeVisible();
  } else {
    await expect(widget.getByText(t.describe.searchUnavailable)).toBeVisible();
  }
  await onStep('describe');
  await widget.getByRole('button', { name: new RegExp(`^(${escapeRegExp(t.describe.stillNeedHelp)}|${escapeRegExp(t.next)})$`) }).click();

  await expect(heading).toHaveText(t.department.heading);
  await expect(heading).toBeFocused();
  await widget.getByRole('radio', { name: lang === 'it' ? /^Assistenza tecnica/ : /^Suporte Técnico/ }).check();
  await widget.getByLabel(t.department.topic).selectOption('email');
  // E-mail problems are basic support in Brazil; in Italy mailbox work is an extra unless the fault is ours.
  await expect(widget.getByText(lang === 'it' ? t.department.ours : t.department.included)).toBeVisible();
  await onStep('department');
  await widget.getByRole('button', { name: t.next, exact: true }).click();

  await expect(heading).toHaveText(t.details.heading);
  await expect(heading).toBeFocused();
  await widget.getByLabel(startsWith(t.details.domain)).fill(input.domain ?? (lang === 'it' ? 'caffè.it' : 'pão.com.br'));
  await widget.getByRole('radio', { name: lang === 'it' ? /^Bassa/ : /^Baixa/ }).check();
  await widget.getByLabel(t.details.message, { exact: true }).fill(input.message);
  if (input.screenshot ?? true) await pasteScreenshot(widget, t);
  await onStep('details');
  await widget.getByRole('button', { name: t.next, exact: true }).click();

  await expect(heading).toHaveText(new RegExp(`^(${escapeRegExp(t.contact.heading)}|${escapeRegExp(t.review.heading)})$`));
  await expect(heading).toBeFocused();
  if ((await heading.textContent()) === t.contact.heading) {
    await widget.getByLabel(t.contact.name).fill(input.name ?? (lang === 'it' ? 'Giulia Bianchi' : 'Maria Souza'));
    await widget.getByLabel(t.contact.email, { exact: true }).fill(input.email ?? (lang === 'it' ? 'giulia@esempio.it' : 'maria@exemplo.com.br'));
    await onStep('contact');
    await widget.getByRole('button', { name: t.next, exact: true }).click();
  }

  await expect(heading).toHaveText(t.review.heading);
  await expect(heading).toBeFocused();
  await expect(widget.getByText(input.subject, { exact: true })).toBeVisible();
  await onStep('review');
}

/** `fillTicket`, then Send, and the number and token of the ticket made. */
export async function sendTicket(
  page: Page,
  lang: Language,
  input: TicketInput,
  onStep: (step: StepName) => Promise<void> = async () => {},
): Promise<SentTicket> {
  await fillTicket(page, lang, input, onStep);
  const widget = page.locator('support-ticket');
  await widget.getByRole('button', { name: messages[lang].review.send }).click();
  return finishedTicket(widget, lang, onStep);
}

/** The number and status token the done step shows (its "follow your ticket" link carries the token). */
export async function finishedTicket(widget: Locator, lang: Language, onStep: (step: StepName) => Promise<void> = async () => {}): Promise<SentTicket> {
  const t = messages[lang];
  const heading = stepHeading(widget);
  await expect(heading).toHaveText(pattern(t.done.heading, { number: '[A-Z]{2}-\\d{6}' }), { timeout: 15_000 });
  await expect(heading).toBeFocused();
  const number = /[A-Z]{2}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
  const link = await widget.getByRole('link', { name: t.done.follow }).getAttribute('href');
  const [linkNumber, token = ''] = decodeURIComponent(new URL(link ?? '').hash.slice(1)).split(':');
  expect(linkNumber).toBe(number);
  await onStep('done');
  return { number, token };
}

/** The ticket as the server's API gives it to the holder of its token. */
export async function storedTicket(request: APIRequestContext, { number, token }: SentTicket): Promise<Record<string, unknown>> {
  const response = await request.get(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status(), `GET /api/tickets/${number}`).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}
