/**
 * Flaky and missing networks at the moment of Send, on the KB's "open a ticket" page against the
 * real server: the widget says what it is doing, survives a reload with the exact ticket it froze,
 * sends it when the connection is back, and the server ends up with exactly one ticket.
 */
import { test, expect, type Page } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { escapeRegExp, fillTicket, finishedTicket, messages, pattern, storedTicket, type TicketInput } from './widget-customer.ts';

const t = messages['pt-BR'];
// The server's database (see playwright.config.ts): the only place that can say "exactly one".
const database = path.join(os.tmpdir(), `support-kit-e2e-${Number(process.env.E2E_PORT ?? 4329)}`, 'support-kit.sqlite');

function ticketsWithSubject(subject: string): string[] {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return db.prepare("SELECT number FROM tickets WHERE json_extract(data, '$.subject') = ?").all(subject).map((row) => String(row.number));
  } finally {
    db.close();
  }
}

function customerTicket(what: string): TicketInput {
  const ref = Math.random().toString(36).slice(2, 8);
  return {
    subject: `Site fora do ar depois da migração (${what} ${ref})`,
    problem: 'O site mostra 503 Service Unavailable.',
    message: `Desde as 9h o site pão.com.br responde 503 Service Unavailable em todas as páginas; o painel abre normalmente. Referência ${ref}.`,
  };
}

/** What the customer typed, on review: every step's fields and the pasted screenshot. */
async function expectReviewShows(page: Page, input: TicketInput): Promise<void> {
  const widget = page.locator('support-ticket');
  await expect(widget.getByRole('heading', { level: 2 })).toHaveText(t.review.heading);
  for (const typed of [input.subject, 'Suporte Técnico', 'pão.com.br', 'Baixa', input.message, /^screenshot-.+\.png$/, 'Maria Souza', 'maria@exemplo.com.br']) {
    const exact = typeof typed === 'string' ? new RegExp(`^${escapeRegExp(typed)}$`) : typed;
    await expect(widget.getByRole('definition').filter({ hasText: exact }), `review shows ${typed}`).toBeVisible();
  }
}

test('a ticket whose answer was lost is finished after a reload, and the server has it once', async ({ page, request }) => {
  const input = customerTicket('resposta perdida');
  const widget = page.locator('support-ticket');
  // The ticket reaches the server, but every answer is lost on the way back.
  const created: string[] = [];
  let replayed = 0;
  await page.route('**/api/tickets', async (route) => {
    const response = await route.fetch();
    if (response.headers()['idempotent-replayed'] === 'true') replayed++;
    else if (response.status() === 201) created.push(((await response.json()) as { number: string }).number);
    await route.abort('internetdisconnected');
  });
  await page.goto('/pt-br/abrir-ticket/');
  await fillTicket(page, 'pt-BR', input);
  // Sent right after arriving on review, as a quick customer does.
  await widget.getByRole('button', { name: t.review.send }).click();
  await expect(widget.getByRole('status')).toHaveText(pattern(t.review.retrying));
  expect(created).toHaveLength(1);

  // The customer reloads: the frozen ticket is back as it was, and goes out again by itself.
  await page.reload();
  await expectReviewShows(page, input);
  await expect(widget.getByRole('status')).toHaveText(pattern(t.review.retrying));
  await page.unroute('**/api/tickets');

  const ticket = await finishedTicket(widget, 'pt-BR');
  expect(ticket.number).toBe(created[0]);
  expect(created).toHaveLength(1);
  expect(replayed).toBeGreaterThan(0);
  expect(ticketsWithSubject(input.subject)).toEqual([ticket.number]);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
});

test('offline at Send, the widget retries, gives up keeping the ticket, and sends it once the connection is back', async ({ page, request }) => {
  const input = customerTicket('sem conexão');
  const widget = page.locator('support-ticket');
  const status = widget.getByRole('status');
  await page.goto('/pt-br/abrir-ticket/');
  await fillTicket(page, 'pt-BR', input);
  // Backoff waits (1 s, 2 s, 4 s, 8 s) are skipped by moving the page's clock on.
  await page.clock.install();

  let attempts = 0;
  await page.route('**/api/tickets', (route) => {
    attempts++;
    return route.abort('internetdisconnected');
  });
  await widget.getByRole('button', { name: t.review.send }).click();
  await expect(status).toHaveText(pattern(t.review.retrying));
  await expect(async () => {
    await page.clock.fastForward(10_000);
    await expect(status).toHaveText(t.review.gaveUp, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  expect(attempts).toBe(5);
  await expect(widget.getByText(t.review.frozen)).toBeVisible();
  await expect(widget.getByRole('button', { name: t.back })).toBeDisabled();
  await expectReviewShows(page, input);

  // Still offline after a reload: the same ticket, tried again by itself, then left for the customer.
  await page.reload();
  await expectReviewShows(page, input);
  await expect(async () => {
    await page.clock.fastForward(10_000);
    await expect(widget.getByRole('button', { name: t.review.retry })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  expect(attempts).toBe(10);
  expect(ticketsWithSubject(input.subject)).toEqual([]);

  // Back online: Retry sends it, once.
  await page.unroute('**/api/tickets');
  await widget.getByRole('button', { name: t.review.retry }).click();
  const ticket = await finishedTicket(widget, 'pt-BR');
  expect(ticketsWithSubject(input.subject)).toEqual([ticket.number]);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
});

test('a ticket that gave up offline goes by itself as soon as the browser is back online, and the server has it once', async ({ page, context, request }) => {
  const input = customerTicket('de volta online');
  const widget = page.locator('support-ticket');
  const status = widget.getByRole('status');
  await page.goto('/pt-br/abrir-ticket/');
  await fillTicket(page, 'pt-BR', input);
  // Backoff waits (1 s, 2 s, 4 s, 8 s) are skipped by moving the page's clock on.
  await page.clock.install();

  await context.setOffline(true);
  await widget.getByRole('button', { name: t.review.send }).click();
  await expect(async () => {
    await page.clock.fastForward(10_000);
    await expect(status).toHaveText(t.review.gaveUp, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  expect(ticketsWithSubject(input.subject)).toEqual([]);

  // The connection comes back: nobody clicks anything.
  await context.setOffline(false);
  const ticket = await finishedTicket(widget, 'pt-BR');
  expect(ticketsWithSubject(input.subject)).toEqual([ticket.number]);
  expect(await storedTicket(request, ticket)).toMatchObject({ subject: input.subject, attachments: 1 });
});
