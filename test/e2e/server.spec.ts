/**
 * The whole product on one machine: the widget on the KB and on the demo host page sends a real
 * ticket to the reference server, which stores it and shows it on the status page.
 */
import { test, expect } from '@playwright/test';

test('a ticket sent from the widget is stored by the server and readable with its token', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/pt-br/abrir-ticket/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel('Assunto').fill('Site fora do ar com erro 500 desde as 10h');
  await widget.getByRole('button', { name: /Ainda preciso de ajuda|Continuar/ }).click();
  await widget.getByRole('radio', { name: /Suporte Técnico/ }).check();
  await widget.getByLabel(/tema/i).selectOption('outage');
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await widget.getByLabel('Mensagem', { exact: true }).fill('Desde as 10h a página inicial de exemplo.com.br mostra 500 Internal Server Error para todos.');
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await widget.getByLabel(/nome/i).fill('Carlos Lima');
  await widget.getByLabel('E-mail', { exact: true }).fill('carlos@exemplo.com.br');
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await widget.getByRole('button', { name: 'Enviar ticket' }).click();
  const heading = widget.getByRole('heading', { level: 2 });
  // Under load the first attempt may be retried (backoff 1 s, 2 s…): allow for it.
  await expect(heading).toHaveText(/^Ticket BR-\d{6} aberto$/, { timeout: 20_000 });
  const number = (await heading.textContent())?.match(/BR-\d{6}/)?.[0] ?? '';

  const link = await widget.getByRole('link', { name: /Acompanhar/ }).getAttribute('href');
  const [, token] = decodeURIComponent(new URL(link ?? '').hash.slice(1)).split(':');
  const status = await request.get(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({ number, status: 'open', subject: 'Site fora do ar com erro 500 desde as 10h', department: 'technical' });
  expect((await request.get(`/api/tickets/${number}`, { headers: { Authorization: 'Bearer wrong' } })).status()).toBe(404);
  expect(errors).toEqual([]);
});

test('the widget, the config and the search index may be loaded by other origins', async ({ request }) => {
  for (const path of ['/widget/support-ticket.js', '/support-config.json', '/deflection/pt-br/index.json', '/pagefind/pt-br/pagefind.js']) {
    const response = await request.get(path, { headers: { Origin: 'https://cliente.example' } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['access-control-allow-origin'], path).toBe('*');
  }
});

test('the API refuses a ticket from an origin that is not allowed', async ({ request }) => {
  const response = await request.post('/api/tickets', {
    headers: { Origin: 'https://not-allowed.example', 'Idempotency-Key': 'x', 'Content-Type': 'application/json' },
    data: '{}',
  });
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type']).toBe('application/problem+json');
});

test('the demo host page embeds the widget with one script tag, knows the customer and works cleanly', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/demo/');
  expect(await page.locator('script[src]').count()).toBe(1);
  const widget = page.locator('support-ticket');
  await widget.getByLabel('Assunto').fill('Não consigo acessar o webmail desde hoje cedo');
  await expect(widget.locator('.suggestions li').first()).toBeVisible();
  await widget.getByRole('button', { name: /Ainda preciso de ajuda|Continuar/ }).click();
  // The host page supplied name and e-mail: there is no contact step.
  await expect(widget.locator('[part="progress"]')).toHaveText(/de 4/);
  expect(errors).toEqual([]);
});
