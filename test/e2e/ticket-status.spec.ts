/**
 * The ticket status page (`/pt-br/ticket/`, `/it/ticket/`) on the built site. The number and token
 * come from the URL fragment, as the widget and the confirmation e-mail link to it; the API
 * (`GET /api/tickets/:number` with a Bearer token) is a Playwright route until the server exists.
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
