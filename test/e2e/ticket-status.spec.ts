/**
 * The ticket status page (`/pt-br/ticket/`, `/it/ticket/`) on the built site. The number and token
 * come from the URL fragment, as the widget and the confirmation e-mail link to it; the API
 * (`GET /api/tickets/:number` with a Bearer token, replies, closing) is a Playwright route here, so
 * every state the page has words for can be shown on demand. test/e2e/ticket-replies.spec.ts runs
 * the same page against the real server.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Times are shown on the ticket's market clock, named, whatever the visitor's zone: a visitor in
// Tokyo still reads Brasília's 10:05.
test.use({ timezoneId: 'Asia/Tokyo' });

const number = 'BR-000123';
// A token with characters that must survive URL encoding in the fragment.
const token = 'tk_9f:Q/x+7=';
const fragment = `#${encodeURIComponent(number)}:${encodeURIComponent(token)}`;

const ticket = (status: string, market: Record<string, unknown> = {}) => ({
  number,
  status,
  createdAt: '2026-11-20T13:05:00Z',
  replyExpectation: { kind: 'queue', nextOpening: '2099-11-16T12:00:00.000Z' },
  timeZone: 'America/Sao_Paulo',
  department: 'technical',
  priority: 'medium',
  subject: 'E-mail devolvido com erro 550 para clientes',
  history: [
    { at: '2026-11-20T13:05:00Z', status: 'open' },
    { at: '2026-11-20T16:40:00Z', status, note: 'Estamos verificando os registros do servidor de e-mail.' },
  ],
  delivery: { state: 'delivered' },
  ...market,
});

interface Seen { authorizations: (string | undefined)[]; paths: string[] }

/** Answers like the reference server: the ticket for the right token, a 404 problem for anything else. */
async function api(page: Page, status = 'in-review', market: Record<string, unknown> = {}): Promise<Seen> {
  const seen: Seen = { authorizations: [], paths: [] };
  await page.route('**/api/tickets/**', (route) => {
    const request = route.request();
    seen.authorizations.push(request.headers()['authorization']);
    seen.paths.push(new URL(request.url()).pathname);
    if (request.headers()['authorization'] === `Bearer ${token}` && new URL(request.url()).pathname === `/api/tickets/${number}`) {
      return route.fulfill({ json: ticket(status, market) });
    }
    return route.fulfill({
      status: 404,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }),
    });
  });
  return seen;
}

function watch(page: Page): { errors: string[]; urls: string[] } {
  const seen = { errors: [] as string[], urls: [] as string[] };
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => seen.urls.push(r.url()));
  return seen;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the right link shows the ticket with a localized status, dates, and its public history', async ({ page }) => {
  const watched = watch(page);
  const seen = await api(page);
  await page.goto(`/pt-br/ticket/${fragment}`);
  const ticketBox = page.locator('[data-ticket]');
  await expect(page.getByRole('heading', { level: 2, name: 'E-mail devolvido com erro 550 para clientes' })).toBeVisible();
  await expect(ticketBox.locator('.badge').first()).toHaveText('Em análise');
  await expect(ticketBox.getByText(number, { exact: true })).toBeVisible();
  await expect(ticketBox.locator('[data-field="createdAt"]')).toHaveText(/^20 de novembro de 2026.*10:05 \(horário de Brasília\)$/);
  await expect(ticketBox.locator('[data-field="createdAt"]')).toHaveAttribute('datetime', '2026-11-20T13:05:00.000Z');
  // No deadline: the queue in order of arrival, and when it is next worked.
  await expect(ticketBox.locator('[data-field="replyExpectation"]')).toHaveText(
    'Não há prazo de resposta: os tickets são respondidos o quanto antes, por ordem de chegada, e a urgência não fura a fila. Próximo horário de atendimento: segunda-feira, 16 de novembro às 09:00 (horário de Brasília).',
  );
  await expect(ticketBox.locator('[data-field="department"]')).toHaveText('Suporte Técnico');
  await expect(ticketBox.locator('[data-field="priority"]')).toHaveText('Média');
  await expect(page.getByRole('heading', { level: 3, name: 'Histórico' })).toBeVisible();
  const entries = ticketBox.locator('ol.history li');
  await expect(entries).toHaveCount(2);
  // Newest first.
  await expect(entries.nth(0)).toContainText('Em análise');
  await expect(entries.nth(0)).toContainText('Estamos verificando os registros');
  await expect(entries.nth(1)).toContainText('Aberto');
  await expect(entries.nth(1).locator('time')).toHaveText(/10:05 \(horário de Brasília\)$/);
  await expect(page.getByRole('status')).toHaveText('');
  await expect(page.locator('[data-lookup]')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Tentar de novo' })).toBeHidden();
  // The fragment stays, so the page can be bookmarked.
  expect(new URL(page.url()).hash).toBe(fragment);
  expect(watched.errors).toEqual([]);
  expect(seen.paths).toEqual([`/api/tickets/${number}`]);
});

test('the token travels only in the Authorization header, never in an address', async ({ page }) => {
  const watched = watch(page);
  const seen = await api(page);
  await page.goto(`/pt-br/ticket/${fragment}`);
  await expect(page.locator('[data-ticket]')).toBeVisible();
  expect(seen.authorizations).toEqual([`Bearer ${token}`]);
  for (const url of watched.urls) {
    expect(new URL(url).hash, url).toBe('');
    expect(decodeURIComponent(url)).not.toContain(token);
    expect(url).not.toContain(encodeURIComponent(token));
  }
});

test('the Italian page names the status in Italian and asks for a reply when the team is waiting', async ({ page }) => {
  await api(page, 'waiting-customer', { timeZone: 'Europe/Rome', replyExpectation: { kind: 'by-date', date: '2026-11-27', days: 7 } });
  await page.goto(`/it/ticket/${fragment}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('In attesa di risposta');
  await expect(page.getByText('Il team attende una tua risposta.', { exact: false })).toBeVisible();
  // An Italian ticket left without the customer's reply is closed after 7 days: the page keeps saying so.
  await expect(page.locator('[data-waiting]')).toContainText('Senza una tua risposta per 7 giorni, il ticket viene chiuso automaticamente.');
  await expect(page.locator('[data-field="createdAt"]')).toHaveText(/^20 novembre 2026.*14:05 \(ora italiana\)$/);
  // A commitment, as a date, for customers with a hosting plan.
  await expect(page.locator('[data-field="replyExpectation"]')).toHaveText(
    'Ci impegniamo a rispondere entro 7 giorni (entro venerdì 27 novembre 2026) per i clienti con uno dei nostri piani hosting.',
  );
  await expect(page.locator('[data-field="department"]')).toHaveText('Assistenza tecnica');
});

test('a sales question in Italy shows no reply promise at all', async ({ page }) => {
  await api(page, 'open', { timeZone: 'Europe/Rome', department: 'sales', replyExpectation: { kind: 'none' } });
  await page.goto(`/it/ticket/${fragment}`);
  await expect(page.locator('[data-field="department"]')).toHaveText('Commerciale');
  await expect(page.locator('[data-row="replyExpectation"]')).toBeHidden();
});

test('in Italian, "in review" and "in progress" are both "In lavorazione"', async ({ page }) => {
  await api(page, 'in-progress');
  await page.goto(`/it/ticket/${fragment}`);
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('In lavorazione');
  await api(page, 'in-review');
  await page.reload();
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('In lavorazione');
});

test('a wrong token says to check the link received with the ticket and offers the form', async ({ page }) => {
  const seen = await api(page);
  await page.goto(`/pt-br/ticket/#${number}:wrong-token`);
  // Not "in your confirmation e-mail": a deployment without SMTP sends none.
  await expect(page.getByRole('status')).toContainText('Confira o link que você recebeu ao abrir o ticket');
  await expect(page.locator('[data-ticket]')).toBeHidden();
  await expect(page.getByLabel('Número do ticket')).toHaveValue(number);
  expect(seen.authorizations).toEqual(['Bearer wrong-token']);
  await expectNoAxeViolations(page);
});

test('an incomplete link asks no server and says to check the link', async ({ page }) => {
  const seen = await api(page);
  await page.goto(`/it/ticket/#${number}`);
  await expect(page.getByRole('status')).toContainText('Controlla il link che hai ricevuto all’apertura del ticket');
  await expect(page.getByLabel('Numero del ticket')).toHaveValue(number);
  expect(seen.paths).toEqual([]);
});

test('a network failure offers a retry that then shows the ticket', async ({ page }) => {
  await page.route('**/api/tickets/**', (route) => route.abort('internetdisconnected'));
  await page.goto(`/pt-br/ticket/${fragment}`);
  await expect(page.getByRole('status')).toHaveText('Não foi possível carregar o ticket agora. Verifique sua conexão e tente de novo.');
  await expectNoAxeViolations(page);
  await page.unrouteAll();
  await api(page);
  await page.getByRole('button', { name: 'Tentar de novo' }).click();
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('Em análise');
  await expect(page.getByRole('button', { name: 'Tentar de novo' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
});

test('without a link, the form takes number and access code, puts them in the address and shows the ticket', async ({ page }) => {
  const seen = await api(page);
  await page.goto('/pt-br/ticket/');
  await expect(page.getByRole('heading', { level: 2, name: 'Consultar um ticket' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('');
  await expect(page.getByText('Ex.: BR-000123')).toBeVisible();
  await page.getByLabel('Número do ticket').fill(' br-000123 ');
  await page.getByLabel('Código de acesso').fill(token);
  await page.getByRole('button', { name: 'Ver ticket' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /E-mail devolvido/ })).toBeFocused();
  expect(new URL(page.url()).hash).toBe(fragment);
  expect(seen.authorizations).toEqual([`Bearer ${token}`]);
  // Back returns to the empty form.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Consultar um ticket' })).toBeVisible();
  await expect(page.locator('[data-ticket]')).toBeHidden();
});

test('the page is kept out of search engines and the language switch keeps the ticket', async ({ page }) => {
  await api(page);
  await page.goto(`/pt-br/ticket/${fragment}`);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expect(page.locator('link[rel="alternate"][hreflang="it"]')).toHaveAttribute('href', /\/it\/ticket\/$/);
  await expect(page.locator('[data-ticket]')).toBeVisible();
  await page.getByRole('link', { name: 'Leggi questa pagina in italiano' }).click();
  await expect(page).toHaveURL(new RegExp(`/it/ticket/${fragment.replace(/[+]/g, '\\+')}$`));
  await expect(page.locator('[data-ticket] .badge').first()).toHaveText('In lavorazione');
});

// ---- after Send: the timeline, replying, closing ------------------------------------------------

/** A ticket the customer can act on, with a life: created, support's replies, waiting on the customer. */
const livelyTicket = (extra: Record<string, unknown> = {}) =>
  ticket('waiting-customer', {
    helpdeskNumber: { helpdesk: 'whmcs', number: '#482913' },
    actions: { reply: true, close: true, reopenable: true },
    closesOn: '2026-11-27',
    history: [
      { at: '2026-11-20T13:05:00Z', kind: 'status', status: 'open' },
      { at: '2026-11-20T16:40:00Z', kind: 'agent-reply', status: 'answered', by: 'support' },
      { at: '2026-11-20T16:41:00Z', kind: 'status', status: 'waiting-customer', by: 'support', note: 'Envie o cabeçalho completo de um e-mail devolvido.' },
      { at: '2026-11-20T17:00:00Z', kind: 'customer-reply', status: 'in-review', by: 'customer', message: 'Segue o cabeçalho.\nObrigado!', attachments: 1 },
      { at: '2026-11-20T18:00:00Z', kind: 'agent-reply', status: 'waiting-customer', by: 'support', message: 'O IP 203.0.113.7 estava bloqueado. Pode testar de novo?' },
    ],
    ...extra,
  });

interface Sent { keys: (string | null)[]; bodies: string[]; contentTypes: string[]; closes: unknown[] }

/**
 * The reference server's after-Send answers: GET the ticket (its history grows with each reply), a
 * reply (201, or `replyAnswer` while it says otherwise), a close. Everything the page sends is kept.
 */
async function liveApi(page: Page, start: Record<string, unknown>, replyAnswer?: () => { status: number; body?: unknown } | undefined): Promise<Sent> {
  const sent: Sent = { keys: [], bodies: [], contentTypes: [], closes: [] };
  let current = structuredClone(start) as Record<string, unknown> & { history: Record<string, unknown>[] };
  const repliedKeys = new Set<string>();
  await page.route('**/api/tickets/**', async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.headers()['authorization'] !== `Bearer ${token}`) return route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"status":404}' });
    if (request.method() === 'GET') return route.fulfill({ json: current });
    if (path.endsWith('/replies')) {
      const key = request.headers()['idempotency-key'] ?? null;
      sent.keys.push(key);
      sent.bodies.push(request.postData() ?? '');
      sent.contentTypes.push(request.headers()['content-type'] ?? '');
      const forced = replyAnswer?.();
      if (forced) return route.fulfill({ status: forced.status, contentType: 'application/problem+json', body: JSON.stringify(forced.body ?? { status: forced.status }) });
      if (key && !repliedKeys.has(key)) {
        repliedKeys.add(key);
        const files = (request.postData() ?? '').match(/name="attachments"/g)?.length ?? 0;
        const message = (request.headers()['content-type'] ?? '').startsWith('application/json')
          ? (JSON.parse(request.postData() ?? '{}') as { message: string }).message
          : /\{"message":"([^"]*)"/.exec(request.postData() ?? '')?.[1];
        const reopened = current.status === 'closed';
        current = { ...current, status: 'in-review', closesOn: undefined, history: [...current.history, { at: '2026-11-21T12:00:00Z', kind: 'customer-reply', status: 'in-review', by: 'customer', message, attachments: files }] };
        return route.fulfill({ status: 201, json: { id: 'r1', at: '2026-11-21T12:00:00Z', status: 'in-review', reopened, attachments: files, redacted: false } });
      }
      return route.fulfill({ status: 201, json: { id: 'r1', at: '2026-11-21T12:00:00Z', status: 'in-review', reopened: false, attachments: 0, redacted: false } });
    }
    if (path.endsWith('/close')) {
      sent.closes.push(request.postDataJSON());
      current = { ...current, status: 'closed', closesOn: undefined, actions: { reply: true, close: false, reopenable: true }, history: [...current.history, { at: '2026-11-21T13:00:00Z', kind: 'status', status: 'closed', by: 'customer' }] };
      return route.fulfill({ status: 204 });
    }
    return route.fulfill({ status: 404 });
  });
  return sent;
}

test.describe('after Send', () => {
  test('the timeline tells the ticket life on the market clock, with the helpdesk number and the closing day', async ({ page }) => {
    await liveApi(page, livelyTicket());
    await page.goto(`/pt-br/ticket/${fragment}`);
    const box = page.locator('[data-ticket]');
    await expect(box.locator('[data-field="helpdeskNumber"]')).toHaveText('no WHMCS: #482913');
    await expect(box.locator('[data-waiting]')).toContainText('Sem uma resposta sua, o ticket será fechado automaticamente em 27 de novembro de 2026.');
    const entries = box.locator('ol.history li');
    await expect(entries).toHaveCount(5);
    await expect(entries.nth(0)).toContainText('O suporte respondeu');
    await expect(entries.nth(0).locator('blockquote')).toHaveText('O IP 203.0.113.7 estava bloqueado. Pode testar de novo?');
    await expect(entries.nth(1)).toContainText('Você respondeu');
    await expect(entries.nth(1).locator('blockquote')).toHaveText('Segue o cabeçalho.\nObrigado!');
    await expect(entries.nth(1)).toContainText('1 anexo');
    await expect(entries.nth(2)).toContainText('Aguardando a sua resposta');
    await expect(entries.nth(2)).toContainText('Envie o cabeçalho completo');
    // Where the helpdesk keeps its reply text to itself: when, on the market's clock, named.
    await expect(entries.nth(3)).toContainText('O suporte respondeu em 20 de novembro de 2026 às 13:40 (horário de Brasília).');
    await expect(entries.nth(4)).toContainText('Ticket aberto');
    await expect(entries.nth(4).locator('time')).toHaveText(/10:05 \(horário de Brasília\)$/);
    await expect(page.getByRole('heading', { level: 3, name: 'Responder' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Fechar ticket' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('an answered ticket says the day it closes without a reply, without saying support waits', async ({ page }) => {
    await liveApi(page, livelyTicket({ status: 'answered' }));
    await page.goto(`/pt-br/ticket/${fragment}`);
    await expect(page.locator('[data-waiting]')).toHaveText('Sem uma resposta sua, o ticket será fechado automaticamente em 27 de novembro de 2026.', { useInnerText: true });
  });

  test('the Italian page tells the same life in Italian', async ({ page }) => {
    await liveApi(page, livelyTicket({ timeZone: 'Europe/Rome' }));
    await page.goto(`/it/ticket/${fragment}`);
    const entries = page.locator('ol.history li');
    await expect(entries.nth(1)).toContainText('Hai risposto');
    await expect(entries.nth(3)).toContainText('L’assistenza ha risposto il 20 novembre 2026 alle ore 17:40 (ora italiana).');
    await expect(page.locator('[data-field="helpdeskNumber"]')).toHaveText('in WHMCS: #482913');
    await expect(page.locator('[data-waiting]')).toContainText('Senza una tua risposta, il ticket verrà chiuso automaticamente il 27 novembre 2026.');
    await expect(page.getByText('Fino a 5 file (PNG, JPEG, WebP, GIF, PDF o TXT), al massimo 10 MB ciascuno e 20 MB in totale.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Rispondi' })).toBeVisible();
  });

  test('a reply with a file is sent once, with one Idempotency-Key, and appears in the timeline', async ({ page }) => {
    const sent = await liveApi(page, livelyTicket());
    await page.goto(`/pt-br/ticket/${fragment}`);
    const reply = page.getByLabel('Sua resposta');
    await reply.fill('Testei de novo e agora funciona.');
    await expect(page.getByText('32 de 10.000 caracteres')).toBeVisible();
    await page.getByLabel('Anexos (opcional)').setInputFiles({ name: 'teste.png', mimeType: 'image/png', buffer: Buffer.from('png') });
    await expect(page.getByRole('button', { name: 'Remover teste.png' })).toBeVisible();
    await page.getByRole('button', { name: 'Enviar resposta' }).dblclick();
    await expect(page.getByText('Resposta enviada. A equipe de suporte já pode lê-la.')).toBeVisible();
    await expect(page.locator('ol.history li').first()).toContainText('Testei de novo e agora funciona.');
    await expect(page.locator('ol.history li').first()).toContainText('1 anexo');
    await expect(reply).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Remover teste.png' })).toBeHidden();
    expect(sent.keys).toHaveLength(1);
    expect(sent.contentTypes[0]).toMatch(/^multipart\/form-data/);
    expect(sent.bodies[0]).toContain('name="attachments"; filename="teste.png"');
    // Sent: the draft is gone, a reload shows an empty form.
    await page.reload();
    await expect(page.getByLabel('Sua resposta')).toHaveValue('');
  });

  test('a bad reply gets a localized error and loses nothing typed; a failed send keeps its key for the retry', async ({ page }) => {
    let failing = true;
    const sent = await liveApi(page, livelyTicket(), () => (failing ? { status: 503 } : undefined));
    await page.goto(`/pt-br/ticket/${fragment}`);
    const reply = page.getByLabel('Sua resposta');
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    await expect(page.getByText('Escreva a sua resposta (pelo menos 2 caracteres).')).toBeVisible();
    await expect(reply).toBeFocused();
    await expect(reply).toHaveAttribute('aria-invalid', 'true');
    expect(sent.keys).toEqual([]);
    // A file the policy refuses is named with the reason; the text stays.
    await reply.fill('Segue o site compactado.');
    await page.getByLabel('Anexos (opcional)').setInputFiles({ name: 'site.zip', mimeType: 'application/zip', buffer: Buffer.from('zip') });
    await expect(page.getByText('site.zip: este tipo de arquivo não é aceito')).toBeVisible();
    await expect(reply).toHaveValue('Segue o site compactado.');
    await expectNoAxeViolations(page);
    // Past the maximum, the rule says by how much; nothing is cut.
    await reply.fill(`${'abcd'.repeat(2500)}e`);
    await expect(page.getByText('A resposta passa 1 caracteres do limite de 10.000.', { exact: false })).toBeVisible();
    await reply.fill('Continua voltando com erro 550.');
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    await expect(page.getByText('Não foi possível enviar agora. A sua resposta continua aqui: tente de novo em instantes.')).toBeVisible();
    await expect(reply).toHaveValue('Continua voltando com erro 550.');
    // The draft survives a reload, and the retry carries the first attempt's key.
    await page.reload();
    await expect(page.getByLabel('Sua resposta')).toHaveValue('Continua voltando com erro 550.');
    failing = false;
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    await expect(page.getByText('Resposta enviada.', { exact: false })).toBeVisible();
    expect(sent.keys).toHaveLength(2);
    expect(sent.keys[1]).toBe(sent.keys[0]);
  });

  test('closing asks first, can be cancelled, and then says the ticket is closed and how to reopen it', async ({ page }) => {
    const sent = await liveApi(page, livelyTicket());
    await page.goto(`/pt-br/ticket/${fragment}`);
    const open = page.getByRole('button', { name: 'Fechar ticket' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Fechar este ticket?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Se ele voltar, basta responder aqui para reabri-lo.');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    expect(sent.closes).toEqual([]);
    await open.click();
    await dialog.getByLabel('Quer deixar um recado para a equipe? (opcional)').fill('Resolvido, obrigado!');
    await dialog.getByRole('button', { name: 'Sim, fechar o ticket' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Ticket fechado. Obrigado por nos avisar!');
    await expect(page.locator('[data-ticket] .badge').first()).toHaveText('Fechado');
    await expect(page.locator('ol.history li').first()).toContainText('Você fechou o ticket');
    await expect(page.getByText('Este ticket está fechado. Se o problema voltou', { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Responder e reabrir o ticket' })).toBeVisible();
    await expect(open).toBeHidden();
    expect(sent.closes).toEqual([{ note: 'Resolvido, obrigado!', lang: 'pt-BR' }]);
  });

  test('a reply to a closed ticket says it reopened it', async ({ page }) => {
    await liveApi(page, livelyTicket({ status: 'closed', closesOn: undefined, actions: { reply: true, close: false, reopenable: true } }));
    await page.goto(`/it/ticket/${fragment}`);
    await expect(page.getByText('Questo ticket è chiuso. Se il problema si è ripresentato', { exact: false })).toBeVisible();
    await page.getByLabel('La tua risposta').fill('Il problema è tornato stamattina.');
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await expect(page.getByText('Risposta inviata e ticket riaperto.')).toBeVisible();
    await expect(page.locator('[data-ticket] .badge').first()).toHaveText('In lavorazione');
  });

  test('a closed ticket the helpdesk cannot reopen offers a new ticket instead of a reply', async ({ page }) => {
    await liveApi(page, livelyTicket({ status: 'closed', closesOn: undefined, actions: { reply: false, close: false, reopenable: false } }));
    await page.goto(`/pt-br/ticket/${fragment}`);
    await expect(page.getByText('Este ticket está fechado e não pode mais ser reaberto.', { exact: false })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Abrir um novo ticket' })).toHaveAttribute('href', '/pt-br/abrir-ticket/');
    await expect(page.getByLabel('Sua resposta')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Fechar ticket' })).toBeHidden();
    await expectNoAxeViolations(page);
  });

  test('everything works from the keyboard: write, attach, send, close', async ({ page }) => {
    const sent = await liveApi(page, livelyTicket());
    await page.goto(`/pt-br/ticket/${fragment}`);
    // The form shows once the ticket is read; focusing it while still hidden does nothing.
    await expect(page.getByLabel('Sua resposta')).toBeVisible();
    await page.getByLabel('Sua resposta').focus();
    await page.keyboard.type('Pelo teclado.');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Anexos (opcional)')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Enviar resposta' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Resposta enviada.', { exact: false })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Fechar ticket' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Quer deixar um recado para a equipe? (opcional)')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Ticket fechado. Obrigado por nos avisar!');
    expect(sent.keys).toHaveLength(1);
    expect(sent.closes).toHaveLength(1);
  });

  test('a close confirmed while the page still reads the ticket after a reply is not lost', async ({ page }) => {
    const sent = await liveApi(page, livelyTicket());
    await page.goto(`/pt-br/ticket/${fragment}`);
    // From now on the ticket is slow to read: the reply's follow-up read is still on its way when Close is confirmed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/tickets/**', async (route) => (route.request().method() === 'GET' ? held.then(() => route.fallback()) : route.fallback()));
    await page.getByLabel('Sua resposta').fill('Segue o teste.');
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    await expect(page.getByText('Resposta enviada.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Fechar ticket' }).click();
    await page.getByRole('button', { name: 'Sim, fechar o ticket' }).click();
    await expect.poll(() => sent.closes.length).toBe(1);
    release();
    await expect(page.getByRole('status')).toHaveText('Ticket fechado. Obrigado por nos avisar!');
  });
});

test.describe('accessibility', () => {
  for (const [path, state] of [
    [`/pt-br/ticket/${fragment}`, 'a ticket'],
    [`/it/ticket/${fragment}`, 'a ticket'],
    ['/pt-br/ticket/', 'the form'],
    ['/it/ticket/', 'the form'],
  ] as const) {
    test(`axe finds nothing on ${path.split('#')[0]} showing ${state}`, async ({ page }) => {
      await api(page);
      await page.goto(path);
      await expect(page.locator(state === 'a ticket' ? '[data-ticket]' : '[data-lookup]')).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`the timeline, the reply form with its errors and the close dialog pass axe in the ${scheme} scheme`, async ({ page }) => {
      await liveApi(page, livelyTicket());
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/pt-br/ticket/${fragment}`);
      await page.getByRole('button', { name: 'Enviar resposta' }).click();
      await expect(page.getByText('Escreva a sua resposta (pelo menos 2 caracteres).')).toBeVisible();
      await page.getByLabel('Anexos (opcional)').setInputFiles({ name: 'site.zip', mimeType: 'application/zip', buffer: Buffer.from('zip') });
      await expect(page.getByText('site.zip: este tipo de arquivo não é aceito', { exact: false })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Fechar ticket' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      const dialog = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      expect(dialog.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
    });
  }

  for (const status of ['open', 'in-review', 'waiting-customer', 'answered', 'closed']) {
    test(`the "${status}" badge keeps enough contrast in both schemes`, async ({ page }) => {
      await api(page, status);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`/pt-br/ticket/${fragment}`);
        await expect(page.locator('[data-ticket]')).toBeVisible();
        const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
        expect(results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
      }
    });
  }
});
