/**
 * After Send, on the real server (playwright.config.ts): a ticket sent to the API, a status change
 * and a reply from support arriving through the generic signed `POST /api/tickets/:number/status`
 * (as any helpdesk sends them, signed with the server's WEBHOOK_SECRET), a reply with an attachment
 * sent from the status page that reaches the helpdesk mock (test/e2e/helpdesk-mock.ts), closing
 * (which reaches it too), reopening, and a wrong token.
 */
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { helpdeskSays } from './helpdesk-calls.ts';
import { helpdeskPort } from './helpdesk-mock.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
const helpdesk = `http://127.0.0.1:${helpdeskPort(port)}`;
/** A real 1×1 PNG: the server checks a file by its content. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Sent { number: string; token: string }

/** A ticket as the widget sends one; each test has its own. */
async function sendTicket(request: APIRequestContext, lang: 'pt-BR' | 'it' = 'pt-BR'): Promise<Sent> {
  const ticket = {
    lang, department: 'technical', topic: 'email', priority: 'medium',
    subject: lang === 'it' ? 'Email rifiutate con errore 550' : 'E-mails da loja voltam com erro 550',
    message: lang === 'it' ? 'Da ieri le email inviate a info@ tornano indietro con errore 550. Non ho cambiato nulla nel DNS.' : 'Desde ontem os e-mails enviados para contato@ voltam com erro 550. Não mudei nada no DNS.',
    customer: { name: 'Mariana Costa', email: `mariana-${randomUUID().slice(0, 8)}@exemplo.com.br` },
    client: { startedAt: new Date(Date.now() - 120_000).toISOString() },
  };
  const answer = await request.post('/api/tickets', { headers: { Origin: `http://127.0.0.1:${port}`, 'Idempotency-Key': randomUUID() }, data: ticket });
  expect(answer.status()).toBe(201);
  return (await answer.json()) as Sent;
}

const statusPage = (lang: 'pt-br' | 'it', { number, token }: Sent) => `/${lang}/ticket/#${encodeURIComponent(number)}:${encodeURIComponent(token)}`;

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a status change and a reply from the helpdesk show on the open status page within a minute, without a reload, and are announced', async ({ page, request }) => {
  const errors = watch(page);
  const ticket = await sendTicket(request);
  // The page's clock, moved by the test: a minute passes at once.
  await page.clock.install();
  await page.goto(statusPage('pt-br', ticket));
  const badge = page.locator('[data-ticket] .badge').first();
  await expect(badge).toHaveText('Aberto');
  await expect(page.locator('ol.history li')).toHaveCount(1);

  await helpdeskSays(request, ticket.number, { at: new Date().toISOString(), reply: { message: 'O IP 203.0.113.7 estava na lista de bloqueio; já liberamos.' }, helpdeskNumber: '#482913' });
  await helpdeskSays(request, ticket.number, { at: new Date(Date.now() + 1000).toISOString(), status: 'waiting-customer', note: 'Pode testar de novo e nos dizer se funcionou?' });
  // Nothing changes before the page asks again; a minute on, it has.
  await page.clock.fastForward(30_000);
  await expect(badge).toHaveText('Aberto');
  await page.clock.fastForward(31_000);
  await expect(badge).toHaveText('Aguardando resposta');
  await expect(page.locator('.line [role=status]')).toHaveText('Novidade no ticket: Aguardando a sua resposta.');
  await expect(page.getByText('Nossa equipe aguarda a sua resposta.', { exact: false })).toBeVisible();
  const latest = page.locator('ol.history li').first();
  await expect(latest).toContainText('Aguardando a sua resposta');
  await expect(latest).toContainText('Pode testar de novo e nos dizer se funcionou?');
  await expect(page.locator('ol.history blockquote')).toHaveText('O IP 203.0.113.7 estava na lista de bloqueio; já liberamos.');
  await expect(page.locator('[data-field="helpdeskNumber"]')).toContainText('#482913');
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test('a reply with an attachment, sent from the status page, reaches the helpdesk', async ({ page, request }) => {
  const errors = watch(page);
  const ticket = await sendTicket(request);
  await page.goto(statusPage('pt-br', ticket));
  await page.getByLabel('Sua resposta').fill('Testei de novo: ainda volta com erro 550. Segue o print.');
  await page.getByLabel('Anexos (opcional)').setInputFiles({ name: 'erro-550.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Enviar resposta' }).dblclick();
  await expect(page.getByText('Resposta enviada. A equipe de suporte já pode lê-la.')).toBeVisible();
  const latest = page.locator('ol.history li').first();
  await expect(latest).toContainText('Você respondeu');
  await expect(latest.locator('blockquote')).toHaveText('Testei de novo: ainda volta com erro 550. Segue o print.');
  await expect(latest).toContainText('1 anexo');
  await expect(page.getByLabel('Sua resposta')).toHaveValue('');

  // The helpdesk receives it once, signed, with the file described.
  const replies = async () => {
    const events = (await (await request.get(`${helpdesk}/events`)).json()) as { type: string; data: { ticket: { number: string }; reply?: { message: string; attachments: { name: string; type: string }[] } } }[];
    return events.filter((e) => e.type === 'ticket.reply' && e.data.ticket.number === ticket.number).map((e) => e.data.reply);
  };
  await expect.poll(replies).toEqual([
    expect.objectContaining({ message: 'Testei de novo: ainda volta com erro 550. Segue o print.', attachments: [expect.objectContaining({ name: 'erro-550.png', type: 'image/png' })] }),
  ]);
  expect(errors).toEqual([]);
});

test('closing from the status page closes the ticket, and a reply reopens it', async ({ page, request }) => {
  const ticket = await sendTicket(request, 'it');
  await page.goto(statusPage('it', ticket));
  await page.getByRole('button', { name: 'Chiudi il ticket' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chiudere questo ticket?' });
  await dialog.getByLabel('Vuoi lasciare un messaggio al team? (facoltativo)').fill('Risolto, grazie!');
  await dialog.getByRole('button', { name: 'Sì, chiudi il ticket' }).click();
  await expect(page.getByRole('status')).toHaveText('Ticket chiuso. Grazie per avercelo fatto sapere!');
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('Chiuso');
  await expect(page.locator('ol.history li').first()).toContainText('Hai chiuso il ticket');
  await expect(page.locator('ol.history li').first()).toContainText('Risolto, grazie!');
  const read = await request.get(`/api/tickets/${ticket.number}`, { headers: { Authorization: `Bearer ${ticket.token}` } });
  expect(await read.json()).toMatchObject({ status: 'closed' });
  // The helpdesk hears of it once, with the customer's words, so it closes its own ticket.
  const closings = async () => {
    const events = (await (await request.get(`${helpdesk}/events`)).json()) as { type: string; data: { ticket: { number: string }; close?: { reason: string; note?: string } } }[];
    return events.filter((e) => e.type === 'ticket.closed' && e.data.ticket.number === ticket.number).map((e) => e.data.close);
  };
  await expect.poll(closings).toEqual([expect.objectContaining({ reason: 'customer', note: 'Risolto, grazie!' })]);

  await expect(page.getByRole('heading', { level: 3, name: 'Rispondi e riapri il ticket' })).toBeVisible();
  await page.getByLabel('La tua risposta').fill('Il problema si è ripresentato stamattina.');
  await page.getByRole('button', { name: 'Invia la risposta' }).click();
  await expect(page.getByText('Risposta inviata e ticket riaperto.')).toBeVisible();
  await expect(page.locator('[data-ticket] .badge').first()).not.toHaveText('Chiuso');
});

test('a wrong token gets the not-found message and the form, and the API a 404', async ({ page, request }) => {
  const ticket = await sendTicket(request);
  await page.goto(statusPage('pt-br', { ...ticket, token: `${ticket.token}x` }));
  await expect(page.getByRole('status')).toContainText('Não encontramos este ticket. Confira o link que você recebeu ao abrir o ticket');
  await expect(page.locator('[data-ticket]')).toBeHidden();
  await expect(page.getByLabel('Número do ticket')).toHaveValue(ticket.number);
  const reply = await request.post(`/api/tickets/${ticket.number}/replies`, {
    headers: { Authorization: 'Bearer wrong', 'Idempotency-Key': randomUUID(), Origin: `http://127.0.0.1:${port}` },
    data: { message: 'Olá' },
  });
  expect(reply.status()).toBe(404);
});
