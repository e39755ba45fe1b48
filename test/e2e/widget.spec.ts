/**
 * The <support-ticket> widget on the KB's own "open a ticket" page, against the real Pagefind
 * index and config of the built site; the ticket backend is a Playwright route until the server exists.
 */
import { test, expect, type Page } from '@playwright/test';

interface Seen { tickets: { key: string | undefined; body: unknown }[]; events: unknown[] }

async function backend(page: Page): Promise<Seen> {
  const seen: Seen = { tickets: [], events: [] };
  await page.route('**/api/events', (route) => {
    seen.events.push(route.request().postDataJSON());
    return route.fulfill({ status: 204 });
  });
  await page.route('**/api/tickets', (route) => {
    seen.tickets.push({ key: route.request().headers()['idempotency-key'], body: route.request().postDataJSON() });
    return route.fulfill({
      status: 201,
      json: { id: 'tkt_1', number: 'BR-000123', token: 's3cret', status: 'open', createdAt: new Date().toISOString(), replyExpectation: { kind: 'queue', nextOpening: '2099-11-16T12:00:00.000Z' }, confirmationEmail: false },
    });
  });
  return seen;
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('a pasted error message finds the article that lists it, in the customer\'s language', async ({ page }) => {
  await backend(page);
  await page.goto('/it/apri-ticket/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel('Oggetto').fill('La posta torna indietro');
  await widget.getByLabel(/Descrivi|Racconta/).fill('550 5.1.1 User unknown');
  await expect(widget.locator('.suggestions li').first().getByRole('link')).toHaveAttribute('href', /\/it\/email-respinta-550-554\/$/);
});

test('a customer goes from a problem to a ticket number on the KB page, and only one ticket is sent', async ({ page }) => {
  const errors = watchConsole(page);
  const seen = await backend(page);
  await page.goto('/pt-br/abrir-ticket/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel('Assunto').fill('E-mail devolvido com erro 550 para clientes');
  await expect(widget.locator('.suggestions li').first()).toBeVisible();
  await widget.getByRole('button', { name: 'Ainda preciso de ajuda' }).click();
  await expect(widget.getByRole('heading', { level: 2 })).toBeFocused();
  await widget.getByRole('radio', { name: /Suporte Técnico/ }).check();
  await widget.getByLabel(/tema/i).selectOption('email');
  await expect(widget.getByText(/sem custo|incluído/i)).toBeVisible();
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await widget.getByLabel(/Domínio/).fill('pão.com.br');
  await widget.getByLabel('Mensagem', { exact: true }).fill('Desde ontem os e-mails para contato@pão.com.br voltam com erro 550.');
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await widget.getByLabel(/nome/i).fill('Maria Souza');
  await widget.getByLabel('E-mail', { exact: true }).fill('maria@example.com.br');
  await widget.getByRole('button', { name: 'Continuar' }).click();
  await expect(widget.getByRole('heading', { level: 2 })).toHaveText(/Confira/);
  await widget.getByRole('button', { name: 'Enviar ticket' }).dblclick();
  await expect(widget.getByRole('heading', { level: 2 })).toHaveText('Ticket BR-000123 aberto');
  // No deadline, the next business opening on Brasília's clock, and no e-mail the server did not promise.
  await expect(widget.getByText('Não há prazo de resposta: os tickets são respondidos o quanto antes, por ordem de chegada, e a urgência não fura a fila.')).toBeVisible();
  await expect(widget.getByText('Próximo horário de atendimento: segunda-feira, 16 de novembro às 09:00 (horário de Brasília).')).toBeVisible();
  await expect(widget.getByText('Anote o número do ticket: nenhum e-mail de confirmação é enviado.')).toBeVisible();
  await expect(widget.getByText(/a caminho de/)).toHaveCount(0);
  expect(seen.tickets).toHaveLength(1);
  expect(seen.tickets[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  expect(seen.tickets[0]?.body).toMatchObject({ lang: 'pt-BR', department: 'technical', topic: 'email', priority: 'medium', domain: 'pão.com.br', customer: { name: 'Maria Souza' } });
  expect(errors).toEqual([]);
});

test('nothing typed is lost on reload, even right after the last keystroke', async ({ page }) => {
  await backend(page);
  await page.goto('/pt-br/abrir-ticket/');
  const widget = page.locator('support-ticket');
  await widget.getByLabel('Assunto').fill('Site fora do ar desde as 10h');
  await widget.getByLabel(/Conte o que aconteceu/).fill('A página inicial mostra erro 500.');
  // No pause: the draft is saved as the page goes away, not only a moment after typing stops.
  await page.reload();
  await expect(widget.getByLabel('Assunto')).toHaveValue('Site fora do ar desde as 10h');
  await expect(widget.getByLabel(/Conte o que aconteceu/)).toHaveValue('A página inicial mostra erro 500.');
});
