/**
 * The staff console in Chromium, against the real server Playwright starts (playwright.config.ts):
 * accounts made with the real `npm run staff` command in that server's data folder, a widget miss
 * and a vote travelling to the console, CSV downloads, a customer deleted everywhere, the refusals
 * every route owes an anonymous caller, another origin and a replayed form, and axe on every page.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { consoleEndpoints } from '../../server/src/console/console-routes.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
/** The server's data folder, as playwright.config.ts starts it. */
const dataDir = path.join(os.tmpdir(), `support-kit-e2e-${port}`);
const password = 'a long staff password 42';

/** A new account made as an operator would, with the password piped in; each test has its own. */
function staffAccount(role: 'editor' | 'agent'): string {
  const email = `${role}-${randomUUID().slice(0, 8)}@nuvolo.example`;
  execFileSync(path.resolve('node_modules/.bin/node'), ['server/src/console/staff-cli.ts', 'add', email, '--role', role], { env: { ...process.env, DATA_DIR: dataDir }, input: `${password}\n` });
  return email;
}

/** Console errors and CSP violations on the page: the console runs no script, so there must be none. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function signIn(page: Page, role: 'editor' | 'agent' = 'agent'): Promise<string> {
  const email = staffAccount(role);
  await page.goto('/console/?lang=en');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deflection funnel');
  return email;
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${label}`).toEqual([]);
}

/** A ticket sent to the real API with an attachment, as the widget sends one. */
async function sendTicket(request: APIRequestContext, email: string): Promise<{ number: string; token: string }> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const ticket = {
    lang: 'pt-BR', department: 'technical', topic: 'email', priority: 'medium',
    subject: 'E-mails da loja voltam com erro 550', message: 'Desde ontem os e-mails enviados para contato@ voltam com erro 550. Não mudei nada no DNS.',
    customer: { name: 'Mariana Costa', email }, attachments: [{ name: 'erro.png', type: 'image/png', size: png.length }],
    client: { startedAt: new Date(Date.now() - 120_000).toISOString() },
  };
  const answer = await request.post('/api/tickets', {
    headers: { Origin: `http://127.0.0.1:${port}`, 'Idempotency-Key': randomUUID() },
    multipart: { ticket: { name: 'ticket.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ticket)) }, attachments: { name: 'erro.png', mimeType: 'image/png', buffer: png } },
  });
  expect(answer.status()).toBe(201);
  return (await answer.json()) as { number: string; token: string };
}

test('an agent signs in with an account made on the command line, and signs out', async ({ page }) => {
  const problems = watch(page);
  const email = await signIn(page);
  await expect(page.getByText(`${email}, agent`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console sections' }).getByRole('link')).toHaveText(['Deflection funnel', 'Content gaps', 'Article health', 'Tickets', 'Privacy requests', 'Audit log']);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the support console');
  await page.goto('/console/tickets');
  await expect(page).toHaveURL(/\/console\/\?next=%2Fconsole%2Ftickets$/);
  expect(problems).toEqual([]);
});

test('a miss typed in the widget appears among the content gaps', async ({ page }) => {
  // Letters nobody writes in an article: the KB's search finds nothing, the widget reports a search-miss.
  const word = `zorbquix${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`;
  await page.goto('/pt-br/abrir-ticket/');
  const reported = page.waitForRequest((r) => r.url().endsWith('/api/events') && (r.postDataJSON() as { type?: string }).type === 'search-miss');
  await page.locator('support-ticket').getByLabel('Assunto').fill(`${word} xqvzt`);
  const miss = (await reported).postDataJSON() as { query: string };
  expect(miss.query).toContain(word);
  await (await reported).response();

  await signIn(page, 'editor');
  await page.goto('/console/gaps?lang=en');
  const row = page.getByRole('table', { name: 'Content gaps' }).getByRole('row').filter({ hasText: word });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('rowheader')).toHaveText(new RegExp(`\\b${word}\\b`));
  await expect(row).toContainText('Portuguese (Brazil)');
  await expect(row).toContainText(`${word} xqvzt`);
});

test('a vote moves the article\'s helpful share', async ({ page, context }) => {
  await signIn(page, 'editor');
  type Row = { title: string; lang: string; votes: number; helpfulShare: number | null };
  const row = async () => {
    const json = (await (await page.request.get('/console/api/articles?lang=en')).json()) as { tables: { id: string; rows: Row[] }[] };
    return json.tables.find((t) => t.id === 'articles')?.rows.find((r) => r.lang === 'Portuguese (Brazil)' && /^Configurar/.test(r.title));
  };
  const before = await row();
  expect(before).toBeDefined();
  const helpfulBefore = Math.round((before?.helpfulShare ?? 0) * (before?.votes ?? 0));

  const reader = await context.newPage();
  await reader.goto('/pt-br/configurar-email-no-programa/');
  const sent = reader.waitForResponse((r) => r.url().endsWith('/api/votes') && r.request().method() === 'POST');
  await reader.getByRole('button', { name: 'Sim' }).click();
  expect((await sent).status()).toBe(204);

  const after = await row();
  expect(after?.votes).toBe((before?.votes ?? 0) + 1);
  expect(after?.helpfulShare).toBeCloseTo((helpfulBefore + 1) / ((before?.votes ?? 0) + 1), 10);
  await page.goto('/console/articles?lang=en');
  const shown = page.getByRole('table', { name: 'Articles' }).getByRole('row').filter({ has: page.getByRole('link', { name: after?.title ?? '' }) }).filter({ hasText: 'Portuguese (Brazil)' });
  await expect(shown).toContainText(new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(after?.helpfulShare ?? 0));
});

test('a table downloads as the CSV of what it shows', async ({ page }) => {
  await signIn(page);
  await page.goto('/console/funnel?lang=en&weeks=4');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV: Week by week' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^support-kit-funnel-weekly-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path()) ?? '', 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Week of,Language,Widget sessions,Searched,Suggestion opened,"""This solved it""",Ticket sent,Deflection rate');
  const rows = await page.getByRole('table', { name: 'Week by week' }).locator('tbody tr').count();
  expect(lines).toHaveLength(rows + 1);
});

test('deleting a customer removes their ticket everywhere', async ({ page, request }) => {
  const email = `cliente-${randomUUID().slice(0, 8)}@padaria.example.com.br`;
  const { number, token } = await sendTicket(request, email);
  await signIn(page);

  await page.goto(`/console/tickets/${number}?lang=en`);
  await expect(page.getByRole('link', { name: /^erro\.png/ })).toBeVisible();
  await page.goto('/console/privacy?lang=en');
  await page.getByLabel('Customer e-mail').fill(email);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { name: `1 ticket with the e-mail ${email}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Tickets of this customer' })).toContainText(number);
  await page.getByLabel('I understand that this deletes the customer\'s tickets for good').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toHaveText(`Deleted: ${number}.`);

  expect((await request.get(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(404);
  expect((await page.request.get(`/console/api/tickets/${number}`)).status()).toBe(404);
  const list = (await (await page.request.get('/console/api/tickets')).json()) as { tables: { rows: { number: string }[] }[] };
  expect(list.tables.flatMap((t) => t.rows.map((r) => r.number))).not.toContain(number);
  await page.goto(`/console/privacy?lang=en&email=${encodeURIComponent(email)}`);
  await expect(page.getByText(`Nothing is held about ${email}`)).toBeVisible();
});

test.describe('what every console route refuses', () => {
  const ownOrigin = `http://127.0.0.1:${port}`;

  test('an anonymous caller: a page sends them to the sign-in form, the API answers 401', async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: ownOrigin });
    for (const endpoint of consoleEndpoints.filter((e) => e.kind === 'page' || e.kind === 'api')) {
      const answer = endpoint.method === 'GET'
        ? await anonymous.get(endpoint.path, { maxRedirects: 0 })
        : await anonymous.post(endpoint.path, { maxRedirects: 0, headers: { Origin: ownOrigin }, form: { csrf: 'x' } });
      if (endpoint.kind === 'api') expect(answer.status(), endpoint.path).toBe(401);
      else {
        expect(answer.status(), endpoint.path).toBe(303);
        expect(answer.headers().location, endpoint.path).toMatch(/^\/console\/(\?next=|$)/);
      }
    }
    await anonymous.dispose();
  });

  test('a POST from another origin, and a form token sent a second time', async ({ page }) => {
    await signIn(page);
    for (const endpoint of consoleEndpoints.filter((e) => e.method === 'POST')) {
      const answer = await page.request.post(endpoint.path, { maxRedirects: 0, headers: { Origin: 'https://evil.example' }, form: { csrf: 'x' } });
      expect(answer.status(), endpoint.path).toBe(403);
    }
    await page.goto('/console/gaps?lang=en');
    const csrf = await page.locator('form[action="/console/sign-out"] input[name="csrf"]').getAttribute('value');
    const replay = { maxRedirects: 0, headers: { Origin: ownOrigin }, form: { csrf: csrf ?? '', gap: 'dkim', article: 'email-client-setup' } };
    expect((await page.request.post('/console/api/gaps/cover', replay)).status()).toBe(303);
    expect((await page.request.post('/console/api/gaps/cover', replay)).status()).toBe(403);
    // Still signed in: refusing the replay ended nothing.
    expect((await page.request.get('/console/api/me')).status()).toBe(200);
  });
});

for (const lang of ['en', 'pt-BR', 'it'] as const) {
  test(`every console page in ${lang} has no axe violation, no console error and no CSP violation`, async ({ page, request }) => {
    // Nine full axe runs in one test: three times the default time, however busy the machine.
    test.slow();
    const problems = watch(page);
    await page.goto(`/console/?lang=${lang}`);
    await expectNoAxeViolations(page, 'the sign-in page');
    const email = `axe-${randomUUID().slice(0, 8)}@padaria.example.com.br`;
    const { number } = await sendTicket(request, email);
    await signIn(page);
    for (const url of ['/console/funnel', '/console/gaps', '/console/articles', '/console/tickets', `/console/tickets/${number}`, `/console/privacy?email=${encodeURIComponent(email)}`, '/console/audit', '/console/no-such-page']) {
      await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoAxeViolations(page, `${url} in ${lang}`);
    }
    // The page that does not exist answers 404, which Chromium logs; nothing else may be logged.
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
  });
}
