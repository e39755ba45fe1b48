/**
 * The widget for a customer the host page signs in with `customer-token`, on the real server
 * (playwright.config.ts gives it CUSTOMER_TOKEN_SECRET) and the built widget: the cross-origin demo
 * page (its CSP, the bundle under SRI from the KB) with the token, name and e-mail a hosting
 * company's template adds, the token signed as the README's WHMCS hook signs it
 * (test/e2e/customer-token.ts). Their open tickets show above the form with their status and
 * status links, nobody else's; a subject that repeats one of them is pointed out, and sending
 * anyway still works; a token that is expired or not the host's gets the anonymous form, and
 * shows nothing of anyone.
 *
 * The customer routes allow 60 lookups per client a minute (not a setting), and every test browser
 * is the same client, 127.0.0.1: the tests ask 3 + 2 + 3 + 1 + 1 times, so even `--repeat-each 5`
 * within one minute stays under the limit. Keep new tests as frugal.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { accountMessages } from '../../widget/src/account/i18n.ts';
import { customerTokenSecret, inSeconds, signCustomerToken } from './customer-token.ts';
import { helpdeskSays } from './helpdesk-calls.ts';
import {
  demoOrigin, expectClean, expectNoAxeViolations, fillTicket, finishedTicket, messages, pattern, stepHeading, storedTicket, watchPage,
} from './widget-customer.ts';

const kb = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4329)}`;
const t = messages['pt-BR'];
const account = accountMessages('pt-BR');

interface Customer {
  sub: string;
  name: string;
  email: string;
}

/** A customer of their own for each test: the database is shared by every test and every repeat. */
function newCustomer(first: string): Customer {
  const id = randomUUID().slice(0, 8);
  return { sub: `cliente-${id}`, name: `${first} Conceição`, email: `${first.toLowerCase()}-${id}@exemplo.com.br` };
}

/** What the host's server puts in the page for this customer: a token valid for an hour, as the README's hook signs it. */
const tokenFor = (c: Customer): string => signCustomerToken({ sub: c.sub, name: c.name, email: c.email, exp: inSeconds(3600) });

interface Sent {
  number: string;
  token: string;
  verified: boolean;
  subject: string;
}

/** A ticket sent to the API as the widget sends it, with the customer's token unless `token` says otherwise. */
async function sendToApi(request: APIRequestContext, customer: Customer, subject: string, token: string | null = tokenFor(customer)): Promise<Sent> {
  const answer = await request.post('/api/tickets', {
    headers: { Origin: kb, 'Idempotency-Key': randomUUID() },
    data: {
      lang: 'pt-BR', department: 'technical', topic: 'email', priority: 'medium', subject,
      message: `${subject}: desde ontem à tarde, sem nenhuma mudança nossa no DNS ou no painel.`,
      customer: { name: customer.name, email: customer.email, ...(token ? { token } : {}) },
      client: { startedAt: new Date(Date.now() - 120_000).toISOString() },
    },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return { ...((await answer.json()) as Omit<Sent, 'subject'>), subject };
}

/** The customer closes a ticket from its status page. */
async function closeTicket(request: APIRequestContext, { number, token }: Sent): Promise<void> {
  const answer = await request.post(`/api/tickets/${encodeURIComponent(number)}/close`, { headers: { Origin: kb, Authorization: `Bearer ${token}` }, data: {} });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** The status link the README documents, the one confirmation e-mails carry. */
const statusLink = ({ number, token }: Pick<Sent, 'number' | 'token'>): string => `${kb}/pt-br/ticket/#${encodeURIComponent(number)}:${encodeURIComponent(token)}`;

const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The cross-origin demo page, served by the server on DEMO_PORT with its CSP and the bundle's SRI,
 * with what a client area template adds to `<support-ticket>` for a signed-in customer.
 */
async function openClientArea(page: Page, attributes: Record<string, string>): Promise<Locator> {
  const url = `${demoOrigin}/demo/cross-origin/`;
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    expect(html).toContain('<support-ticket ');
    const added = Object.entries(attributes).map(([name, value]) => `${name}="${attribute(value)}"`).join(' ');
    await route.fulfill({ response, body: html.replace('<support-ticket ', `<support-ticket ${added} `) });
  });
  // A fulfilled document has no address, so Chromium takes the page for a public one and asks
  // before letting it reach 127.0.0.1 (Local Network Access); the page really is on 127.0.0.1.
  await page.context().grantPermissions(['local-network-access'], { origin: demoOrigin });
  await page.goto(url);
  const widget = page.locator('support-ticket');
  await expect(stepHeading(widget)).toHaveText(t.describe.heading);
  return widget;
}

const signedIn = (customer: Customer, token = tokenFor(customer)): Record<string, string> => ({
  'customer-name': customer.name,
  'customer-email': customer.email,
  'customer-token': token,
});

/** Every text and link target inside the widget, through its shadow roots (the account part's too). */
function everythingShown(widget: Locator): Promise<string> {
  return widget.evaluate((host) => {
    const parts: string[] = [];
    const walk = (root: Node): void => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element) {
          for (const name of ['href', 'title', 'aria-label', 'value']) if (node.hasAttribute(name)) parts.push(node.getAttribute(name) ?? '');
          if (node.shadowRoot) walk(node.shadowRoot);
          walk(node);
        }
      }
    };
    walk(host.shadowRoot!);
    return parts.join(' ');
  });
}

async function expectNothingOf(widget: Locator, tickets: Sent[]): Promise<void> {
  const shown = await everythingShown(widget);
  for (const ticket of tickets) {
    expect(shown, `the widget shows nothing of ${ticket.number}`).not.toContain(ticket.number);
    expect(shown, `the widget shows no link with ${ticket.number}'s token`).not.toContain(ticket.token);
  }
}

const openTickets = (widget: Locator): Locator => widget.getByRole('region', { name: account.openTickets });
const duplicateWarning = (widget: Locator): Locator => widget.getByRole('region', { name: account.duplicateTitle });

/** One listed ticket: its link (to its status page), its status in the customer's language, its last change. */
async function expectListed(item: Locator, ticket: Sent, status: keyof typeof account.statuses): Promise<void> {
  const link = item.getByRole('link', { name: `${ticket.number}: ${ticket.subject}`, exact: true });
  await expect(link).toHaveAttribute('href', statusLink(ticket));
  await expect(item.getByText(account.statuses[status], { exact: true })).toBeVisible();
  await expect(item.getByText(pattern(account.updated))).toContainText(String(new Date().getFullYear()));
}

const bounce = 'E-mails da loja voltam com erro 550';
/** How a customer who forgot the first ticket words the same problem again. */
const bounceAgain = 'Os e-mails da loja ainda voltam com erro 550';
const details = 'Continua: desde ontem os e-mails para contato@ voltam com erro 550 User unknown.';

/** The widget's asks about the customer (`/api/customer/tickets…`), each with the server's answer. */
function watchLookups(page: Page): { method: string; path: string; status: number }[] {
  const seen: { method: string; path: string; status: number }[] = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin === kb && url.pathname.startsWith('/api/customer/tickets') && r.request().method() !== 'OPTIONS') seen.push({ method: r.request().method(), path: url.pathname, status: r.status() });
  });
  return seen;
}

test('a signed-in customer sees their open tickets and no one else\'s, is warned on review about a repeat, sends anyway, and follows a status link', async ({ page, request }) => {
  // The whole journey in one test, two axe scans included: the lookups are few (see above), the steps many.
  test.slow();
  const joao = newCustomer('Joao');
  const ana = newCustomer('Ana');
  const mail = await sendToApi(request, joao, bounce);
  const ssl = await sendToApi(request, joao, 'Certificado SSL expirado na loja');
  await helpdeskSays(request, ssl.number, { at: new Date().toISOString(), status: 'waiting-customer', note: 'Pode confirmar qual domínio aparece no aviso do navegador?' });
  const closed = await sendToApi(request, joao, 'Backup do banco de dados falhou');
  await closeTicket(request, closed);
  // Same name and e-mail, no token: not proof of who sent it, so not theirs to list.
  const unsigned = await sendToApi(request, joao, 'Domínio não resolve depois da troca de DNS', null);
  // Another customer with the very same problem.
  const anas = await sendToApi(request, ana, bounce);
  expect([mail.verified, ssl.verified, unsigned.verified, anas.verified]).toEqual([true, true, false, true]);

  const watch = await watchPage(page);
  const widget = await openClientArea(page, signedIn(joao));
  await fillTicket(page, 'pt-BR', { subject: bounceAgain, message: details, screenshot: false }, async (step) => {
    if (step !== 'describe') return;
    // Newest first: the one waiting for João's answer, then the one still open; not the closed one.
    const items = openTickets(widget).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expectListed(items.nth(0), ssl, 'waiting-customer');
    await expectListed(items.nth(1), mail, 'open');
    await expectNothingOf(widget, [closed, unsigned, anas]);
    // No department yet: nothing to compare the subject with, nothing said.
    await expect(duplicateWarning(widget)).toBeHidden();
    await expectNoAxeViolations(page, 'with the open tickets');
  });

  // On review: João's own ticket about the same thing, not Ana's.
  const warning = duplicateWarning(widget);
  await expect(warning).toBeVisible();
  await expect(warning.getByText(account.duplicateLead.one, { exact: true })).toBeVisible();
  await expect(warning.getByRole('listitem')).toHaveCount(1);
  await expectListed(warning.getByRole('listitem'), mail, 'open');
  await expect(warning.getByRole('link', { name: pattern(account.openExisting, { number: mail.number }) })).toHaveAttribute('href', statusLink(mail));
  await expectNothingOf(widget, [closed, unsigned, anas]);
  await expectNoAxeViolations(page, 'with the duplicate warning');

  // The warning informs; Send is there, enabled, and sends.
  const send = widget.getByRole('button', { name: t.review.send });
  await expect(send).toBeEnabled();
  await send.click();
  const sent = await finishedTicket(widget, 'pt-BR');
  expect(await storedTicket(request, sent)).toMatchObject({ subject: bounceAgain, verified: true });

  // The new ticket joins the list, first.
  const items = openTickets(widget).getByRole('listitem');
  await expect(items).toHaveCount(3);
  // The warning was about the ticket just sent: it is gone from the done step.
  await expect(duplicateWarning(widget)).toBeHidden();
  await expectListed(items.nth(0), { ...sent, subject: bounceAgain, verified: true }, 'open');
  await expectListed(items.nth(1), ssl, 'waiting-customer');
  await expectListed(items.nth(2), mail, 'open');
  await expectClean(watch);

  // A link opens the ticket's status page on the KB, with the status the widget showed.
  await items.nth(1).getByRole('link').click();
  await expect(page).toHaveURL(statusLink(ssl));
  const ticketBox = page.locator('[data-ticket]');
  await expect(ticketBox.getByText(ssl.number, { exact: true })).toBeVisible();
  await expect(ticketBox.locator('.badge').first()).toHaveText(account.statuses['waiting-customer']);
  expect(watch.errors, 'console errors').toEqual([]);
});

test('with the department preselected, leaving a repeated subject warns at once, and "a different problem" silences it for good', async ({ page, request }) => {
  const joao = newCustomer('Joao');
  const mail = await sendToApi(request, joao, bounce);
  const anas = await sendToApi(request, newCustomer('Ana'), bounce);

  const watch = await watchPage(page);
  const lookups = watchLookups(page);
  // The client area's e-mail page preselects the department: the subject alone is enough to compare.
  const widget = await openClientArea(page, { ...signedIn(joao), department: 'technical' });
  await widget.getByLabel(t.describe.subject).click();
  // The customer's part of the widget arrives with the rest of the form, on first contact.
  await expect(openTickets(widget).getByRole('listitem')).toHaveCount(1);
  await widget.getByLabel(t.describe.subject).fill(bounceAgain);
  await widget.getByLabel(t.describe.subject).press('Tab');

  const warning = duplicateWarning(widget);
  await expect(warning).toBeVisible();
  await expect(warning.getByText(account.duplicateLead.one, { exact: true })).toBeVisible();
  await expectListed(warning.getByRole('listitem'), mail, 'open');
  await expect(warning.getByRole('link', { name: pattern(account.openExisting, { number: mail.number }) })).toHaveAttribute('href', statusLink(mail));
  await expectNothingOf(widget, [anas]);

  await warning.getByRole('button', { name: account.notDuplicate }).click();
  await expect(warning).toBeHidden();
  await expect(openTickets(widget).getByRole('listitem')).toHaveCount(1);

  // Told once, it stays away for this subject up to the review step, where Send waits.
  await fillTicket(page, 'pt-BR', { subject: bounceAgain, message: details, screenshot: false });
  await expect(widget.getByRole('button', { name: t.review.send })).toBeEnabled();
  await expect(duplicateWarning(widget)).toBeHidden();
  expect(lookups).toEqual([
    { method: 'GET', path: '/api/customer/tickets', status: 200 },
    { method: 'POST', path: '/api/customer/tickets/duplicates', status: 200 },
  ]);
  await expectClean(watch);
});

/**
 * Tokens the server must not believe: each gets the form an anonymous visitor gets. One past its
 * `exp` is never sent (the widget reads it); one the server refuses is sent once, never again.
 */
const untrusted: { name: string; token: (joao: Customer, ana: Customer) => string; send: boolean; expired?: boolean }[] = [
  {
    name: 'expired an hour ago (a tab left open since yesterday)',
    token: (joao) => signCustomerToken({ sub: joao.sub, name: joao.name, email: joao.email, exp: inSeconds(-3600) }),
    send: true,
    expired: true,
  },
  {
    name: 'edited to another customer\'s id, keeping the signature',
    token: (joao, ana) => `${signCustomerToken({ sub: ana.sub, exp: inSeconds(3600) }).split('.')[0]}.${tokenFor(joao).split('.')[1]}`,
    send: false,
  },
  {
    name: 'signed with another secret (a host whose secret does not match)',
    token: (joao) => signCustomerToken({ sub: joao.sub, name: joao.name, email: joao.email, exp: inSeconds(3600) }, `${customerTokenSecret}-not-this-one`),
    send: true,
  },
];

for (const { name, token, send, expired } of untrusted) {
  test(`a token ${name}: the widget works as for an anonymous visitor and shows nothing of anyone`, async ({ page, request }) => {
    const joao = newCustomer('Joao');
    const ana = newCustomer('Ana');
    const joaos = await sendToApi(request, joao, bounce);
    const anas = await sendToApi(request, ana, bounce);
    const bad = token(joao, ana);

    const watch = await watchPage(page);
    const errors: { text: string; url: string }[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push({ text: m.text(), url: m.location().url }));
    const lookups = watchLookups(page);
    const refused = (path: string) => page.waitForResponse((r) => r.url() === `${kb}${path}` && r.request().method() !== 'OPTIONS');

    const widget = await openClientArea(page, signedIn(joao, bad));
    const listAsked = expired ? undefined : refused('/api/customer/tickets');
    await widget.getByLabel(t.describe.subject).fill(bounceAgain);
    if (listAsked) expect((await listAsked).status()).toBe(401);
    await expect(widget.getByRole('region', { name: t.describe.suggestionsHeading }).getByRole('listitem').first()).toBeVisible();
    await expect(openTickets(widget)).toBeHidden();
    await expectNothingOf(widget, [joaos, anas]);

    if (send) {
      // Through review and Send, where a usable token would be asked about twice more.
      await fillTicket(page, 'pt-BR', { subject: bounceAgain, message: details, screenshot: false });
      await expect(duplicateWarning(widget)).toBeHidden();
      await expect(openTickets(widget)).toBeHidden();
      await widget.getByRole('button', { name: t.review.send }).click();
      const sent = await finishedTicket(widget, 'pt-BR');
      // Accepted, with the name and e-mail the page gave, as nobody's verified ticket.
      expect(await storedTicket(request, sent)).toMatchObject({ subject: bounceAgain, verified: false });
      await expect(openTickets(widget)).toBeHidden();
      await expectNothingOf(widget, [joaos, anas]);
    } else {
      // What the widget would send with it is accepted as nobody's verified ticket.
      expect(await sendToApi(request, joao, bounceAgain, bad)).toMatchObject({ verified: false });
    }

    expect(lookups, 'questions about the customer: none with an expired token, one refused with a bad one').toEqual(
      expired ? [] : [{ method: 'GET', path: '/api/customer/tickets', status: 401 }],
    );
    // The browser logs each refused question; nothing else is said: no script error, no CSP violation.
    const refusals = errors.filter((e) => e.url.startsWith(`${kb}/api/customer/tickets`) && e.text.includes('status of 401'));
    expect(refusals).toHaveLength(lookups.length);
    expect(errors.filter((e) => !refusals.includes(e)), 'console errors besides the refusals').toEqual([]);
    expect(watch.errors.filter((e) => !refusals.some((r) => r.text === e)), 'page errors').toEqual([]);
    expect(await watch.cspViolations(), 'CSP violations').toEqual([]);
  });
}
