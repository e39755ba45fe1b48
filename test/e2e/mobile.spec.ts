/**
 * The widget on a phone (390×844, touch): nothing scrolls sideways, no text control is under 16px
 * (iOS would zoom in), tapping "Add files" opens the file chooser and attaches what was chosen, and
 * the articles suggested for a subject show under it without scrolling.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { controlFontSizes, expectClean, expectNoHorizontalScroll, messages, pattern, stepHeading, watchPage } from './widget-customer.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 });

const t = messages['pt-BR'];
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function expectPhoneFriendly(page: Page, widget: Locator, step: string): Promise<void> {
  await expectNoHorizontalScroll(page, `on ${step}`);
  const sizes = await controlFontSizes(widget);
  expect(Object.keys(sizes).length, `text controls on ${step}`).toBeGreaterThan(0);
  for (const [control, size] of Object.entries(sizes)) expect(size, `font size of ${control} on ${step}`).toBeGreaterThanOrEqual(16);
}

for (const path of ['/pt-br/abrir-ticket/', '/demo/']) {
  test(`on a phone, ${path} fits the screen, its inputs do not zoom, and a tapped "Add files" attaches a file`, async ({ page }) => {
    const watch = await watchPage(page);
    const widget = page.locator('support-ticket');
    const heading = stepHeading(widget);
    await page.goto(path);
    await widget.getByLabel(t.describe.subject).tap();
    await widget.getByLabel(t.describe.subject).fill('Não recebo e-mails no celular desde ontem');
    await expect(widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('listitem').first()).toBeVisible();
    await expectPhoneFriendly(page, widget, 'describe');
    await widget.getByRole('button', { name: t.describe.stillNeedHelp }).tap();

    await expect(heading).toHaveText(t.department.heading);
    await widget.getByText('Suporte Técnico', { exact: true }).tap();
    await expect(widget.getByRole('radio', { name: /^Suporte Técnico/ })).toBeChecked();
    await widget.getByLabel(t.department.topic).selectOption('email');
    await expectPhoneFriendly(page, widget, 'department');
    await widget.getByRole('button', { name: t.next, exact: true }).tap();

    await expect(heading).toHaveText(t.details.heading);
    await widget.getByLabel(t.details.message, { exact: true }).fill('No celular o aplicativo de e-mail diz que não consegue conectar ao servidor IMAP.');
    const chooser = page.waitForEvent('filechooser');
    await widget.getByRole('button', { name: t.details.addFiles }).tap();
    await (await chooser).setFiles({ name: 'erro-no-celular.png', mimeType: 'image/png', buffer: png });
    await expect(widget.getByRole('button', { name: pattern(t.details.remove, { name: 'erro-no-celular\\.png' }) })).toBeVisible();
    await expect(widget.getByRole('listitem').filter({ hasText: 'erro-no-celular.png' }).locator('img')).toHaveCount(1);
    await expectPhoneFriendly(page, widget, 'details');
    await widget.getByRole('button', { name: t.next, exact: true }).tap();

    if (path === '/pt-br/abrir-ticket/') {
      await expect(heading).toHaveText(t.contact.heading);
      await widget.getByLabel(t.contact.name).fill('Maria Souza');
      await widget.getByLabel(t.contact.email, { exact: true }).fill('maria@exemplo.com.br');
      await expectPhoneFriendly(page, widget, 'contact');
      await widget.getByRole('button', { name: t.next, exact: true }).tap();
    }

    await expect(heading).toHaveText(t.review.heading);
    await expect(widget.getByText('erro-no-celular.png', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, 'on review');
    await expectClean(watch);
  });
}

test('on a phone, the first suggested article shows right under the subject, without scrolling', async ({ page }) => {
  const watch = await watchPage(page);
  const widget = page.locator('support-ticket');
  await page.goto('/pt-br/abrir-ticket/');
  const subject = widget.getByLabel(t.describe.subject);
  await subject.tap();
  const before = await page.evaluate(() => window.scrollY);
  await subject.fill('Não recebo e-mails no celular desde ontem');
  const first = widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('link').first();
  await expect(first).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/pt-br\//);
  await expect(first).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').toBe(before);
  await page.screenshot({ path: test.info().outputPath('describe-on-a-phone.png') });
  await expectClean(watch);
});
