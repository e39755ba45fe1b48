/**
 * The built knowledge base in Chromium: languages, pairing, search, the vote, accessibility.
 * Backend calls (/api/votes, /api/events) are answered by Playwright routes: the site must behave
 * the same whether the backend is there or not.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails the test on any console error or uncaught exception on the page. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function stubBackend(page: Page): Promise<{ votes: unknown[]; events: unknown[] }> {
  const seen = { votes: [] as unknown[], events: [] as unknown[] };
  await page.route('**/api/votes/**', (route) => route.fulfill({ json: { helpful: 12, total: 15 } }));
  await page.route('**/api/votes', (route) => {
    seen.votes.push(route.request().postDataJSON());
    return route.fulfill({ status: 204 });
  });
  await page.route('**/api/events', (route) => {
    seen.events.push(route.request().postDataJSON());
    return route.fulfill({ status: 204 });
  });
  return seen;
}

test.describe('languages', () => {
  test('the root page offers both languages', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: /Central de Ajuda/ })).toHaveAttribute('href', '/pt-br/');
    await expect(page.getByRole('link', { name: /Centro assistenza/ })).toHaveAttribute('href', '/it/');
  });

  for (const [path, lang, heading, departments, count] of [
    ['/pt-br/', 'pt-BR', 'Como podemos ajudar?', 'Departamentos', /^\((nenhum artigo|1 artigo|\d+ artigos)\)$/],
    ['/it/', 'it', 'Come possiamo aiutarti?', 'Reparti', /^\((nessun articolo|1 articolo|\d+ articoli)\)$/],
  ] as const) {
    test(`${path} is in ${lang} with departments and a way to open a ticket`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      // The departments are called departments (not "subjects"), and each counts its articles in words: never "1 artigos".
      await expect(page.getByRole('heading', { level: 2, name: departments })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3 })).toHaveCount(3);
      for (const shown of await page.locator('.department .count').allTextContents()) expect(shown).toMatch(count);
      await expect(page.locator('main a.button').last()).toHaveAttribute('href', /\/(abrir|apri)-ticket\/$/);
      expect(errors).toEqual([]);
    });
  }

  test('the language switch goes to the translated article, and hreflang says so', async ({ page }) => {
    await page.goto('/pt-br/redefinir-senha-da-area-do-cliente/');
    await expect(page.locator('link[rel="alternate"][hreflang="it"]')).toHaveAttribute('href', /\/it\/reimpostare-la-password-dell-area-clienti\/$/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/pt-br\/redefinir-senha-da-area-do-cliente\/$/);
    await page.getByRole('link', { name: 'Leggi questa pagina in italiano' }).click();
    await expect(page).toHaveURL(/\/it\/reimpostare-la-password-dell-area-clienti\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await page.getByRole('link', { name: 'Ler esta página em português' }).click();
    await expect(page).toHaveURL(/\/pt-br\/redefinir-senha-da-area-do-cliente\/$/);
  });

  test('an unknown address answers 404 in the language of its address, with a way back', async ({ page }) => {
    const response = await page.goto('/it/non-esiste/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
    await expect(page.getByRole('searchbox')).toBeVisible();
  });
});

test.describe('article page', () => {
  test('shows title, date, related articles and a working print button, and ships only the vote script', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await stubBackend(page);
    await page.goto('/pt-br/configurar-email-no-programa/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/e-mail/i);
    await expect(page.locator('time')).toHaveText(/Atualizado em \d+ de \w+ de \d{4}/);
    await expect(page.getByRole('heading', { name: 'Artigos relacionados' })).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Imprimir' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Only the site's own small islands (vote, print); their weight is checked by the size budget.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((url) => new URL(url).pathname.startsWith('/_astro/'))).toBe(true);
  });

  test('the search box on an article is a plain form that opens the search page', async ({ page }) => {
    await page.goto('/it/configurare-la-posta-nel-client/');
    await page.getByRole('searchbox', { name: 'Cerca nel centro assistenza' }).fill('fattura');
    await page.getByRole('searchbox', { name: 'Cerca nel centro assistenza' }).press('Enter');
    await expect(page).toHaveURL(/\/it\/cerca\/\?q=fattura$/);
  });
});

test.describe('search', () => {
  for (const [path, query, expected] of [
    ['/pt-br/busca/', 'senha', '/pt-br/redefinir-senha-da-area-do-cliente/'],
    ['/it/cerca/', 'password', '/it/reimpostare-la-password-dell-area-clienti/'],
    ['/pt-br/busca/', 'Error establishing a database connection', '/pt-br/erro-conexao-banco-de-dados/'],
    ['/it/cerca/', '550 5.1.1 User unknown', '/it/email-respinta-550-554/'],
  ] as const) {
    test(`"${query}" on ${path} puts ${expected} first`, async ({ page }) => {
      const errors = watchConsole(page);
      await stubBackend(page);
      await page.goto(`${path}?q=${encodeURIComponent(query)}`);
      const first = page.locator('ol.results li').first();
      await expect(first.getByRole('link')).toHaveAttribute('href', new RegExp(`${expected}$`));
      await expect(first.locator('mark').first()).toBeVisible();
      await expect(first.locator('.tag')).not.toBeEmpty();
      expect(errors).toEqual([]);
    });
  }

  test('results follow the visitor as they type and the department filter narrows them', async ({ page }) => {
    await stubBackend(page);
    await page.goto('/pt-br/busca/');
    await page.getByRole('searchbox', { name: 'Buscar na central de ajuda' }).fill('fatura');
    await expect(page.locator('ol.results li').first()).toBeVisible();
    await expect(page).toHaveURL(/q=fatura/);
    await page.getByLabel('Departamento').selectOption('sales');
    // A count in its plural form, never "resultado(s)".
    await expect(page.getByRole('status')).toHaveText(/^(1 resultado|\d+ resultados) para “fatura”$|Nenhum artigo/);
    for (const tag of await page.locator('ol.results .tag').allTextContents()) expect(tag).toBe('Vendas');
  });

  test('a sentence as customers type it finds articles whose excerpts mark its telling words, never "não" or "do"', async ({ page }) => {
    await stubBackend(page);
    await page.goto(`/pt-br/busca/?q=${encodeURIComponent('meu site não abre, está fora do ar')}`);
    await expect(page.locator('ol.results li').first()).toBeVisible();
    const marked = (await page.locator('ol.results mark').allTextContents()).map((word) => word.toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    for (const word of ['não', 'nao', 'do', 'meu', 'está']) expect(marked).not.toContain(word);
  });

  test('nonsense finds nothing, however close a word of the index begins it, and is reported as a miss', async ({ page }) => {
    const seen = await stubBackend(page);
    await page.goto('/pt-br/busca/?q=asdfgh');
    await expect(page.getByText('Nenhum artigo encontrado para “asdfgh”.')).toBeVisible();
    await expect.poll(() => seen.events).toEqual([{ type: 'search-miss', query: 'asdfgh', lang: 'pt-BR' }]);
  });

  test('a search with no results offers a ticket and reports the miss once', async ({ page }) => {
    const seen = await stubBackend(page);
    await page.goto('/it/cerca/?q=zzqxjv');
    await expect(page.getByText('Nessun articolo trovato per «zzqxjv».')).toBeVisible();
    await expect(page.locator('.no-results').getByRole('link', { name: 'Apri un ticket' })).toBeVisible();
    await expect.poll(() => seen.events).toEqual([{ type: 'search-miss', query: 'zzqxjv', lang: 'it' }]);
  });
});

test.describe('was this helpful?', () => {
  test('a vote sends one request with the article, language, answer and a voter id', async ({ page }) => {
    const seen = await stubBackend(page);
    await page.goto('/pt-br/configurar-email-no-programa/');
    await page.getByRole('button', { name: 'Sim' }).click();
    await expect.poll(() => seen.votes.length).toBe(1);
    expect(seen.votes[0]).toMatchObject({ articleId: 'email-client-setup', lang: 'pt-BR', helpful: true });
    expect((seen.votes[0] as { voterId: string }).voterId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByRole('button', { name: 'Sim' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('a vote made offline is kept and sent once the connection is back', async ({ page, context }) => {
    await page.goto('/pt-br/configurar-email-no-programa/');
    await context.setOffline(true);
    await page.route('**/api/votes**', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Não' }).click();
    await expect(page.getByRole('button', { name: 'Não' })).toHaveAttribute('aria-pressed', 'true');
    await page.unrouteAll();
    const seen = await stubBackend(page);
    await context.setOffline(false);
    await expect.poll(() => seen.votes).toEqual([expect.objectContaining({ articleId: 'email-client-setup', lang: 'pt-BR', helpful: false })]);
  });

  test('a vote the endpoint refused with 503 survives a reload and is sent later, exactly once', async ({ page }) => {
    await page.clock.install();
    let refused = 0;
    await page.route('**/api/votes**', (route) => {
      if (route.request().method() === 'POST') refused++;
      return route.fulfill({ status: 503 });
    });
    await page.goto('/it/configurare-la-posta-nel-client/');
    await page.getByRole('button', { name: 'No' }).click();
    await expect(page.getByRole('button', { name: 'No' })).toHaveAttribute('aria-pressed', 'true');
    // The button shows the vote before it is posted: unrouting before the 503 was served (and the
    // retry written down) would let the POST reach the real server and leave nothing to send later.
    await expect.poll(() => refused).toBe(1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('support-kit:vote-outbox') ?? '')).toContain('"tries":1');
    await page.unrouteAll();
    const seen = await stubBackend(page);
    await page.reload();
    await expect(page.getByRole('button', { name: 'No' })).toHaveAttribute('aria-pressed', 'true');
    await page.clock.fastForward('05:00');
    await expect.poll(() => seen.votes).toEqual([expect.objectContaining({ articleId: 'email-client-setup', lang: 'it', helpful: false })]);
    await page.clock.fastForward('30:00');
    expect(seen.votes).toHaveLength(1);
  });
});

test.describe('accessibility', () => {
  for (const path of ['/', '/pt-br/', '/it/', '/pt-br/configurar-email-no-programa/', '/it/politica-di-assistenza/', '/pt-br/busca/?q=email', '/it/cerca/?q=posta', '/pt-br/404/', '/pt-br/abrir-ticket/', '/it/apri-ticket/']) {
    test(`axe finds nothing on ${path}`, async ({ page }) => {
      await stubBackend(page);
      await page.goto(path);
      if (path.includes('?q=')) await page.locator('ol.results li').first().waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`colours keep enough contrast in the ${scheme} scheme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await stubBackend(page);
      await page.goto('/pt-br/configurar-email-no-programa/');
      const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      expect(results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
    });
  }
});

test('the site publishes the support config the widget reads', async ({ request }) => {
  const response = await request.get('/support-config.json');
  expect(response.ok()).toBe(true);
  const config = await response.json();
  expect(config.departments.map((d: { key: string }) => d.key)).toEqual(['technical', 'billing', 'sales']);
  expect(config.markets.br.timeZone).toBe('America/Sao_Paulo');
  // The policy model as support.yaml states it: no deadline in Brazil, a 7-day commitment in Italy, no clock times there.
  expect(config.markets.br.firstReply).toEqual({ model: 'queue' });
  expect(config.markets.it.firstReply).toMatchObject({ model: 'calendar-days', days: 7, departments: ['technical', 'billing'] });
  expect(config.markets.it.hours).toEqual({ days: [1, 2, 3, 4, 5] });
});
