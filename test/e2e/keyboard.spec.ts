/**
 * The whole flow from the keyboard alone, on the KB's "open a ticket" page: Tab, Shift+Tab, Enter,
 * Space, Escape (and the arrow key a closed <select> takes). Every stop inside the widget shows its
 * focus, and each new step puts focus on its heading.
 */
import { test, expect } from '@playwright/test';
import { expectClean, expectFocusOnStepHeading, expectVisibleFocus, focused, messages, storedTicket, tabTo, watchPage } from './widget-customer.ts';

const t = messages['pt-BR'];
const subject = 'Webmail recusa a senha desde a manhã de hoje';
const message = 'Desde as 8h o webmail de contato@pão.com.br diz que a senha está errada, mas ela funciona no celular.';

test('a customer sends a ticket with the keyboard only, seeing where focus is at every step', async ({ page, request }) => {
  const watch = await watchPage(page);
  const widget = page.locator('support-ticket');
  await page.goto('/pt-br/abrir-ticket/');
  await widget.getByRole('heading', { level: 2, name: t.describe.heading }).waitFor();

  // Describe: from the top of the page into the subject.
  await tabTo(page, /^input#f-subject$/, { max: 60 });
  await page.keyboard.type(subject);
  // Escape is no "clear" and no trap: the text stays, and so does focus.
  await page.keyboard.press('Escape');
  await expect(widget.getByLabel(t.describe.subject)).toHaveValue(subject);
  expectVisibleFocus(await focused(page), 'after Escape in the subject');
  // The suggestions come right after the subject: Tab reaches the first article, then the message.
  const suggestions = widget.getByRole('region', { name: t.describe.suggestionsHeading });
  await expect(suggestions.getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('Tab');
  expect((await focused(page))?.descriptor).toBe(`a# ${(await suggestions.getByRole('link').first().textContent())?.trim()}`);
  await tabTo(page, /^textarea#f-message$/, { max: 12 });
  await page.keyboard.type('O navegador mostra "Login failed".');
  await expect(widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('listitem').first()).toBeVisible();
  await tabTo(page, new RegExp(`^button# ${t.describe.stillNeedHelp}$`));
  await page.keyboard.press('Enter');

  // Department: Space picks a radio, the arrow key a topic; Shift+Tab walks back.
  await expectFocusOnStepHeading(page, t.department.heading);
  await tabTo(page, /^input#f-department-technical/);
  await page.keyboard.press('Space');
  await expect(widget.getByRole('radio', { name: /^Suporte Técnico/ })).toBeChecked();
  await tabTo(page, /^select#f-topic/);
  await page.keyboard.press('ArrowDown');
  await expect(widget.getByLabel(t.department.topic)).toHaveValue('email');
  await tabTo(page, /^input#f-department-technical/, { shift: true, max: 3 });
  await tabTo(page, new RegExp(`^button# ${t.next}$`));
  await page.keyboard.press('Enter');

  // Details: every control, including the attachment button, is a visible stop.
  await expectFocusOnStepHeading(page, t.details.heading);
  await tabTo(page, /^input#f-domain$/);
  await page.keyboard.type('pão.com.br');
  await tabTo(page, /^input#f-priority-medium$/);
  await expect(widget.getByRole('radio', { name: /^Média/ })).toBeChecked();
  await tabTo(page, /^textarea#f-message$/);
  await page.keyboard.type(message);
  // The button is #f-screenshot: a paid request that needs a screenshot sends focus there.
  await tabTo(page, new RegExp(`^button#f-screenshot ${t.details.addFiles}$`));
  await tabTo(page, new RegExp(`^button# ${t.next}$`));
  await page.keyboard.press('Enter');

  // Contact.
  await expectFocusOnStepHeading(page, t.contact.heading);
  await tabTo(page, /^input#f-name$/);
  await page.keyboard.type('Maria Souza');
  await page.keyboard.press('Tab');
  await page.keyboard.type('maria@exemplo.com.br');
  await tabTo(page, new RegExp(`^button# ${t.next}$`));
  await page.keyboard.press('Enter');

  // Review: Space sends.
  await expectFocusOnStepHeading(page, t.review.heading);
  await tabTo(page, new RegExp(`^button# ${t.review.send}$`));
  await page.keyboard.press('Space');

  await expectFocusOnStepHeading(page, /^Ticket BR-\d{6} aberto$/);
  const number = /BR-\d{6}/.exec((await focused(page))?.text ?? '')?.[0] ?? '';
  const link = await widget.getByRole('link', { name: t.done.follow }).getAttribute('href');
  const token = decodeURIComponent(new URL(link ?? '').hash.slice(1)).split(':')[1] ?? '';
  expect(await storedTicket(request, { number, token })).toMatchObject({ subject, department: 'technical', priority: 'medium' });
  await tabTo(page, new RegExp(`^a# ${t.done.follow}$`), { max: 3 });
  await expectClean(watch);
});
