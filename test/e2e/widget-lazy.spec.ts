/**
 * The widget a host page loads is small: on /demo/ it costs at most 2 requests and 25 KB gzipped until
 * the customer interacts; the rest of the form arrives then, as a chunk the entry pins by its sha384
 * hash. The customer never notices: the flow works end to end (also under the strict CSP), what they
 * typed survives a chunk that failed to load, and a chunk whose bytes were changed is refused.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { test, expect, type Page, type Request } from '@playwright/test';
import { expectClean, messages, sendTicket, stepHeading, storedTicket, watchPage } from './widget-customer.ts';

const t = messages['pt-BR'];
const KB = 1024;
const chunkUrl = /\/widget\/support-ticket-[\w-]+\.js(\?|$)/;

/** Every request the page makes from the widget's script on; `withBodies` adds each body as the browser got it. */
function recordWidgetRequests(page: Page) {
  const seen: Request[] = [];
  // The page's own document may finish after the widget's script started (it streams): it is the page's, not the widget's.
  page.on('requestfinished', (request) => {
    if (!request.isNavigationRequest()) seen.push(request);
  });
  const fromWidget = () => {
    const from = seen.findIndex((r) => new URL(r.url()).pathname === '/widget/support-ticket.js');
    expect(from, 'the widget script was requested').toBeGreaterThanOrEqual(0);
    return seen.slice(from);
  };
  return {
    urls: () => fromWidget().map((r) => r.url()),
    withBodies: () => Promise.all(fromWidget().map(async (r) => ({ url: r.url(), body: (await (await r.response())?.body()) ?? Buffer.alloc(0) }))),
  };
}

const problem = (page: string) => ({
  subject: `E-mail devolvido com erro 550 (${page} ${Math.random().toString(36).slice(2, 8)})`,
  problem: '550 5.1.1 User unknown',
  message: `Desde ontem os e-mails para contato@pão.com.br voltam com erro 550 User unknown (${page}).`,
});

test('on /demo/ the widget costs at most 2 requests and 25 KB gzipped before the customer interacts, then sends a ticket with the rest loaded', async ({ page, request }) => {
  const watch = await watchPage(page);
  const network = recordWidgetRequests(page);
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  await expect(widget.getByLabel(t.describe.subject)).toBeEditable();
  // Nothing interacts: whatever arrives until the network is quiet, the widget asked for by itself.
  await page.waitForLoadState('networkidle');
  const before = await network.withBodies();
  expect(before.map((r) => new URL(r.url).pathname)).toEqual(['/widget/support-ticket.js']);
  expect(before.length).toBeLessThanOrEqual(2);
  expect(before.reduce((sum, r) => sum + gzipSync(r.body, { level: 9 }).length, 0)).toBeLessThanOrEqual(25 * KB);

  const input = problem('demo');
  const ticket = await sendTicket(page, 'pt-BR', input);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, department: 'technical', attachments: 1 });
  const chunks = network.urls().filter((url) => chunkUrl.test(url));
  expect(chunks.length, 'the rest of the form, loaded once').toBe(1);
  await expectClean(watch);
});

test('on /demo/strict-csp/ the rest of the form arrives as a module script pinned by the hash of its exact bytes, with no CSP violation', async ({ page, request }) => {
  const watch = await watchPage(page);
  const response = await page.goto('/demo/strict-csp/');
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
  const widget = page.locator('support-ticket');
  await widget.getByLabel(t.describe.subject).fill('Site fora do ar desde as 10h');
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue('Site fora do ar desde as 10h');
  const script = page.locator('head script[type="module"][integrity]');
  await expect(script).toHaveCount(1);
  const [src, integrity] = await Promise.all([script.getAttribute('src'), script.getAttribute('integrity')]);
  expect(src).toMatch(chunkUrl);
  const served = await request.get(src!);
  expect(served.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(integrity).toBe(`sha384-${createHash('sha384').update(await served.body()).digest('base64')}`);

  const input = problem('strict-csp');
  await widget.getByLabel(t.describe.subject).fill(input.subject);
  const ticket = await sendTicket(page, 'pt-BR', input);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
  await expectClean(watch);
});

test('when the rest of the form cannot load: a localized message with "Try again", and nothing typed is lost', async ({ page }) => {
  let reachable = false;
  await page.route(chunkUrl, (route) => (reachable ? route.continue() : route.abort('internetdisconnected')));
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  const subject = 'Painel não abre desde a manhã';
  await widget.getByLabel(t.describe.subject).fill(subject);
  await widget.getByRole('button', { name: t.next, exact: true }).click();
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText(t.load.failed);
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue(subject);

  reachable = true;
  await widget.getByRole('button', { name: t.load.retry }).click();
  await expect(alert).toHaveCount(0);
  // The Continue pressed before goes through once the form is here.
  await expect(stepHeading(widget)).toHaveText(t.department.heading);
  await widget.getByRole('button', { name: t.back }).click();
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue(subject);
});

test('offline on the first keystroke, the form loads by itself once the browser is back online', async ({ page, context }) => {
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  await context.setOffline(true);
  await widget.getByLabel(t.describe.subject).fill('Backup não restaura');
  await expect(widget.getByRole('alert')).toContainText(t.load.failed);
  await context.setOffline(false);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await widget.getByRole('button', { name: new RegExp(`^(${t.describe.stillNeedHelp}|${t.next})$`) }).click();
  await expect(stepHeading(widget)).toHaveText(t.department.heading);
});

test('typed while the rest of the form is still on its way, then reloaded: nothing is lost', async ({ page }) => {
  let hold = true;
  // The first request for the chunk never gets an answer: the reload below comes first.
  await page.route(chunkUrl, (route) => (hold ? new Promise(() => undefined) : route.continue()));
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel(t.describe.subject).fill('Site fora do ar desde as 10h');
  await widget.getByLabel(new RegExp(t.describe.message)).fill('A página inicial mostra erro 500.');
  hold = false;
  await page.reload();
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue('Site fora do ar desde as 10h');
  await expect(widget.getByLabel(new RegExp(t.describe.message))).toHaveValue('A página inicial mostra erro 500.');
  await widget.getByRole('button', { name: new RegExp(`^(${t.describe.stillNeedHelp}|${t.next})$`) }).click();
  await expect(stepHeading(widget)).toHaveText(t.department.heading);
});

test('a chunk whose bytes were changed on the way is refused, and the customer is told, as when offline', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route(chunkUrl, async (route) => {
    const original = await route.fetch();
    await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: `${await original.text()}\nglobalThis.tampered = true;` });
  });
  await page.goto('/demo/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel(t.describe.subject).fill('Fatura em dobro neste mês');
  await expect(widget.getByRole('alert')).toContainText(t.load.failed);
  expect(await page.evaluate(() => (globalThis as { tampered?: boolean }).tampered)).toBeUndefined();
  expect(errors.join('\n')).toMatch(/integrity/i);
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue('Fatura em dobro neste mês');
});
