/**
 * Every KB page runs under a strict Content-Security-Policy: a <meta> written at build (static hosts
 * send no headers of ours) with the hashes of the page's own scripts and styles, plus the header the
 * reference server adds for what a <meta> cannot say (frame-ancestors). Each page is used the way a
 * visitor would, and nothing may be refused: no `securitypolicyviolation`, no console error.
 */
import { test, expect, type Page, type Response } from '@playwright/test';
import { expectClean, sendTicket, watchPage } from './widget-customer.ts';

/** The page's policies: the <meta> from the build and the header from the server. */
async function policies(page: Page, response: Response | null): Promise<{ meta: string; header: string }> {
  const meta = (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
  return { meta, header: (await response?.headerValue('content-security-policy')) ?? '' };
}

/** Strict: nothing inline runs or styles unless its hash is listed, no eval, no plugin, no other origin's script. */
function expectStrict({ meta, header }: { meta: string; header: string }): void {
  const directive = (name: string) => meta.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('script-src')).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[\w+/=]+')*$/);
  expect(directive('style-src')).toMatch(/^style-src 'self'( 'sha256-[\w+/=]+')*$/);
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('default-src')).toBe("default-src 'self'");
  expect(header).toContain("frame-ancestors 'self'");
}

test('the home, an article with code and the search page work under the strict policy', async ({ page }) => {
  for (const path of ['/pt-br/', '/it/', '/pt-br/erro-500-pagina-em-branco/']) {
    const watch = await watchPage(page);
    expectStrict(await policies(page, await page.goto(path)));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectClean(watch);
  }
  // Pagefind: WebAssembly and its worker, loaded on the first search.
  const watch = await watchPage(page);
  expectStrict(await policies(page, await page.goto('/pt-br/busca/?q=email')));
  await expect(page.locator('ol.results li').first()).toBeVisible();
  await page.getByRole('searchbox').last().fill('senha do painel');
  await expect(page).toHaveURL(/q=senha/);
  await expect(page.locator('ol.results li').first()).toBeVisible();
  await expectClean(watch);
});

test('the widget sends a ticket on the "open a ticket" page, and its status page shows it, under the strict policy', async ({ page }) => {
  const watch = await watchPage(page);
  expectStrict(await policies(page, await page.goto('/pt-br/abrir-ticket/')));
  // The whole flow: search suggestions, a pasted screenshot (a blob: preview), the upload, the answer.
  const sent = await sendTicket(page, 'pt-BR', {
    subject: 'E-mails para o domínio voltam com erro 550',
    message: 'Desde ontem os e-mails enviados para contato@ voltam com erro 550 user unknown, mas a conta existe no painel.',
  });
  await expectClean(watch);

  const status = await watchPage(page);
  expectStrict(await policies(page, await page.goto(`/pt-br/ticket/#${sent.number}:${encodeURIComponent(sent.token)}`)));
  await expect(page.getByText(sent.number).first()).toBeVisible();
  await expectClean(status);
});

test('the embed page previews the widget and restyles it as options change, under the strict policy', async ({ page }) => {
  const watch = await watchPage(page);
  expectStrict(await policies(page, await page.goto('/pt-br/incorporar/')));
  const preview = page.locator('[data-preview] support-ticket');
  await expect(preview.getByRole('heading', { level: 2 })).toBeVisible();
  await page.locator('#embed-accent').fill('#aa2200');
  await page.locator('#embed-radius').fill('4');
  await expect(page.locator('pre code').first()).toContainText('--support-ticket-accent: #aa2200');
  await expect.poll(() => preview.evaluate((el) => getComputedStyle(el).getPropertyValue('--support-ticket-accent').trim())).toBe('#aa2200');
  await expectClean(watch);
});

test('no other site may frame a KB page', async ({ request }) => {
  const response = await request.get('/pt-br/');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(response.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(response.headers()['permissions-policy']).toContain('camera=()');
  // Plain http: no HSTS, which would pin nothing and only confuse.
  expect(response.headers()['strict-transport-security']).toBeUndefined();
});
