/**
 * The widget on the demo host pages `npm start` serves: a Bootstrap-like page with aggressive
 * global CSS, a page with a strict Content-Security-Policy, a narrow and a dark page, and a page on
 * another origin than the KB and the API. On each, the customer's flow works, the widget looks as on
 * the plain `/demo/` page, and nothing shows up in the console or as a CSP violation.
 */
import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import {
  controlFontSizes, demoOrigin, expectClean, expectNoAxeViolations, expectNoHorizontalScroll, messages, sendTicket, stepHeading,
  storedTicket, watchPage, widgetLook, type PageWatch, type WidgetLook,
} from './widget-customer.ts';

const t = messages['pt-BR'];

function problem(page: string) {
  const ref = Math.random().toString(36).slice(2, 8);
  return {
    subject: `E-mail devolvido com erro 550 para clientes (${page} ${ref})`,
    problem: '550 5.1.1 User unknown',
    message: `Desde ontem os e-mails para contato@pão.com.br voltam com erro 550 User unknown. Página ${page}, referência ${ref}.`,
  };
}

/** The widget's look on the plain demo page, in a fresh browser context (drafts are per origin). */
async function plainLook(browser: Browser): Promise<WidgetLook> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  const look = await widgetLook(widget);
  await context.close();
  return look;
}

async function expectLooksPlain(widget: Locator, plain: WidgetLook): Promise<void> {
  const look = await widgetLook(widget);
  // The promises a host page could break, said plainly first...
  expect(parseFloat(look.input['font-size'] ?? '0'), 'input font size').toBeGreaterThanOrEqual(16);
  expect(parseFloat(look.textarea['font-size'] ?? '0'), 'textarea font size').toBeGreaterThanOrEqual(16);
  expect(look.button['text-transform'], 'button text-transform').toBe('none');
  expect(look.input['box-sizing'], 'box-sizing inside the shadow root').toBe('border-box');
  expect(look.inputFillsPanel, 'inputs fill the panel').toBe(true);
  // ...then everything else, property by property.
  expect(look).toEqual(plain);
}

async function expectPhoneSizedInputs(widget: Locator, step: string): Promise<void> {
  for (const [control, size] of Object.entries(await controlFontSizes(widget))) expect(size, `font size of ${control} on ${step}`).toBeGreaterThanOrEqual(16);
}

/** A customer who types a problem and continues: the first two steps, with axe on both. */
async function smoke(page: Page, watch: PageWatch): Promise<void> {
  const widget = page.locator('support-ticket');
  await widget.getByLabel(t.describe.subject).fill(problem('smoke').subject);
  await expect(widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('listitem').first()).toBeVisible();
  await expectNoAxeViolations(page, 'describe');
  await expectNoHorizontalScroll(page, 'on describe');
  await widget.getByRole('button', { name: t.describe.stillNeedHelp }).click();
  await expect(stepHeading(widget)).toHaveText(t.department.heading);
  await expect(stepHeading(widget)).toBeFocused();
  await widget.getByRole('radio', { name: /^Suporte Técnico/ }).check();
  await widget.getByLabel(t.department.topic).selectOption('email');
  await expectNoAxeViolations(page, 'department');
  await expectNoHorizontalScroll(page, 'on department');
  await expectClean(watch);
}

for (const path of ['/demo/hostile/', '/demo/strict-csp/']) {
  test(`on ${path} a customer goes from a problem to a stored ticket with a pasted screenshot, and the widget looks as on a plain page`, async ({ page, request, browser }) => {
    const plain = await plainLook(browser);
    const watch = await watchPage(page);
    const widget = page.locator('support-ticket');
    await page.goto(path);
    await expect(stepHeading(widget)).toHaveText(t.describe.heading);
    await expectLooksPlain(widget, plain);

    const input = problem(path);
    const ticket = await sendTicket(page, 'pt-BR', input, async (step) => {
      if (step === 'details' || step === 'contact') await expectPhoneSizedInputs(widget, step);
      if (step === 'describe' || step === 'review' || step === 'done') await expectNoAxeViolations(page, step);
    });
    expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, department: 'technical', priority: 'low', attachments: 1 });
    await expectClean(watch);
  });
}

test('on /demo/strict-csp/, when script-src allows only the widget\'s folder, the form it loads later still arrives and the ticket goes out', async ({ page, request, baseURL }) => {
  // A host that allowlisted the widget's folder rather than the KB's origin: the entry and the
  // chunk it injects on the first interaction both come from there.
  await page.route('**/demo/strict-csp/', async (route) => {
    const response = await route.fetch();
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp, 'the strict-CSP page sends a Content-Security-Policy header').toMatch(/script-src|default-src/);
    const script = ['script-src', 'script-src-elem'].filter((name) => new RegExp(`(^|;)\\s*${name}\\s`).test(csp));
    const narrowed = csp
      .split(';')
      .map((d) => (script.includes(d.trim().split(/\s+/)[0] ?? '') || (!script.length && d.trim().startsWith('default-src '))
        ? d.replace(/'self'|https?:\/\/127\.0\.0\.1:\d+\/?(?=\s|$)/g, `${baseURL}/widget/`)
        : d))
      .join(';');
    expect(narrowed).toContain(`script-src ${baseURL}/widget/`);
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': narrowed } });
  });
  const watch = await watchPage(page);
  await page.goto('/demo/strict-csp/');
  const input = problem('strict-csp pasta do widget');
  const ticket = await sendTicket(page, 'pt-BR', input);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
  await expectClean(watch);
});

test('on the narrow (320px) page the widget fits, its inputs stay at 16px, and axe finds nothing', async ({ page, browser }) => {
  const plain = await plainLook(browser);
  const watch = await watchPage(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/demo/narrow/');
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  const look = await widgetLook(widget);
  expect(look.input).toEqual(plain.input);
  expect(look.button).toEqual(plain.button);
  expect(look.inputFillsPanel).toBe(true);
  await smoke(page, watch);
});

// The dark page is dark whatever the visitor prefers: the widget must follow it either way.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`for a visitor who prefers ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('on the dark page the widget is dark too, readable (axe contrast) and clean', async ({ page }) => {
      const watch = await watchPage(page);
      await page.goto('/demo/dark/');
      const widget = page.locator('support-ticket');
      await expect(stepHeading(widget)).toHaveText(t.describe.heading);
      const panelBackground = await widget.evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('[part="panel"]')!).backgroundColor);
      const [r = 255, g = 255, b = 255] = (panelBackground.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      expect(0.2126 * r + 0.7152 * g + 0.0722 * b, `panel background ${panelBackground} is dark`).toBeLessThan(128);
      await smoke(page, watch);
    });
  });
}

test('on another origin the widget loads the config and the search index from the KB and sends a ticket to the API', async ({ page, request, baseURL }) => {
  const watch = await watchPage(page);
  const fromKb: string[] = [];
  page.on('requestfinished', (r) => r.url().startsWith(`${baseURL}/`) && fromKb.push(new URL(r.url()).pathname));
  const posted = page.waitForResponse((r) => r.url() === `${baseURL}/api/tickets` && r.request().method() === 'POST');
  await page.goto(`${demoOrigin}/demo/cross-origin/`);
  expect(new URL(page.url()).origin).not.toBe(baseURL);

  const input = problem('cross-origin');
  const ticket = await sendTicket(page, 'pt-BR', input, async (step) => {
    if (step === 'describe') await expectNoAxeViolations(page, step);
  });
  expect(fromKb).toContain('/widget/support-ticket.js');
  // The rest of the form: a chunk from the KB, fetched across origins under its integrity.
  expect(fromKb.filter((path) => /^\/widget\/support-ticket-[\w-]+\.js$/.test(path))).toHaveLength(1);
  expect(fromKb).toContain('/support-config.json');
  expect(fromKb).toContain('/deflection/pt-br/index.json');
  const response = await posted;
  expect(response.status()).toBe(201);
  expect(await response.request().headerValue('origin')).toBe(demoOrigin);
  expect(response.headers()['access-control-allow-origin']).toBe(demoOrigin);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
  await expectClean(watch);
});

test('the API lets the demo origin in and refuses an origin that is not on the allowlist', async ({ request }) => {
  const preflight = (origin: string) =>
    request.fetch('/api/tickets', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
  const allowed = await preflight(demoOrigin);
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()['access-control-allow-origin']).toBe(demoOrigin);

  const refusedPreflight = await preflight('https://evil.example');
  expect(refusedPreflight.status()).toBe(403);
  expect(refusedPreflight.headers()['access-control-allow-origin']).toBeUndefined();

  const refused = await request.post('/api/tickets', {
    headers: { Origin: 'https://evil.example', 'Idempotency-Key': crypto.randomUUID(), 'Content-Type': 'application/json' },
    data: JSON.stringify({ subject: 'Sent from a page that is not allowed' }),
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  expect(refused.headers()['access-control-allow-origin']).toBeUndefined();
});
