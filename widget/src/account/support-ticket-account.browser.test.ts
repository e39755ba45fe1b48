/**
 * `<support-ticket-account>` in real Chromium, mounted as `<support-ticket>` mounts it: in a shadow
 * root beside the subject field `#f-subject`. The customer routes are MSW handlers in the browser.
 */
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import type { SupportTicketAccount } from './support-ticket-account.ts';
import './support-ticket-account.ts';

declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: () => Promise<void> | void): void;
declare function before(fn: () => Promise<void> | void): void;
declare function after(fn: () => Promise<void> | void): void;
declare function afterEach(fn: () => Promise<void> | void): void;

const token = 'eyJzdWIiOiI0MiJ9.c2ln';
const ticket = (number: string, status: string) => ({
  number, subject: 'E-mails voltam com erro 550', department: 'technical', status,
  createdAt: '2026-11-20T13:05:00Z', updatedAt: '2026-11-21T09:00:00Z', statusUrl: `/pt-br/ticket/#${number}:tk`,
});
const duplicateChecks: unknown[] = [];
/** Every request to the customer routes, as `METHOD token`. */
const asked: string[] = [];
let served = [ticket('BR-000124', 'waiting-customer')];
const worker = setupWorker(
  http.get('/api/customer/tickets', ({ request }) => {
    asked.push(`GET ${request.headers.get('Authorization')}`);
    return request.headers.get('Authorization') === `Bearer ${token}` ? HttpResponse.json({ tickets: served }) : new HttpResponse(null, { status: 401 });
  }),
  http.post('/api/customer/tickets/duplicates', async ({ request }) => {
    asked.push(`POST ${request.headers.get('Authorization')}`);
    if (request.headers.get('Authorization') !== `Bearer ${token}`) return new HttpResponse(null, { status: 401 });
    const check = (await request.json()) as { subject: string };
    duplicateChecks.push(check);
    return HttpResponse.json({ duplicates: /550/.test(check.subject) ? [ticket('BR-000124', 'waiting-customer')] : [] });
  }),
);

before(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }).then(() => undefined));
after(() => worker.stop());
afterEach(() => {
  document.body.replaceChildren();
  duplicateChecks.length = 0;
  asked.length = 0;
  served = [ticket('BR-000124', 'waiting-customer')];
});

/** A host like `<support-ticket>`: a shadow root holding the account piece and a subject field. */
function mount(customerToken: string, department = 'technical', typedBefore = ''): { account: SupportTicketAccount; subject: HTMLInputElement; root: ShadowRoot } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const subject = Object.assign(document.createElement('input'), { id: 'f-subject', value: typedBefore });
  root.append(subject, document.createElement('button'));
  // As in the widget: the piece arrives with the rest of the form, maybe after the subject was typed.
  const account = document.createElement('support-ticket-account');
  Object.assign(account, { customerToken, ticketEndpoint: `${location.origin}/api/tickets`, uiLang: 'pt-BR', department });
  root.prepend(account);
  return { account, subject, root };
}

/** A customer-token whose payload says it expired a minute ago. */
const expiredToken = `${btoa(JSON.stringify({ sub: '42', exp: Math.floor(Date.now() / 1000) - 60 })).replace(/=+$/, '')}.c2ln`;

async function until<T>(check: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value) return value;
    await new Promise((r) => requestAnimationFrame(r));
  }
  throw new Error('the expected state never came');
}

describe('<support-ticket-account>', () => {
  it('lists the signed-in customer’s open tickets with their status, each linking to its status page', async () => {
    const { account } = mount(token);
    const link = await until(() => account.shadowRoot?.querySelector('a'));
    expect(account.shadowRoot!.textContent).to.contain('Seus tickets abertos');
    expect(link.textContent).to.equal('BR-000124: E-mails voltam com erro 550');
    expect(link.getAttribute('href')).to.equal('/pt-br/ticket/#BR-000124:tk');
    expect(account.shadowRoot!.textContent).to.contain('Aguardando resposta');
    await expect(account).to.be.accessible();
  });

  it('lists a ticket the host just sent', async () => {
    const { account, root } = mount(token);
    await until(() => account.shadowRoot?.querySelector('a'));
    served = [ticket('BR-000125', 'open'), ticket('BR-000124', 'waiting-customer')];
    root.host.dispatchEvent(new CustomEvent('support-ticket-submitted', { detail: { id: 'x', number: 'BR-000125' }, bubbles: true, composed: true }));
    await until(() => account.shadowRoot?.querySelectorAll('section li').length === 2);
    expect(account.shadowRoot!.querySelector('a')!.textContent).to.contain('BR-000125');
  });

  // A refused or expired token shows nothing either: account-client.test.ts.
  it('shows nothing to a visitor without a token', async () => {
    const { account } = mount('');
    await account.updateComplete;
    expect(account.shadowRoot!.textContent?.trim()).to.equal('');
  });

  it('warns on leaving a subject that repeats an open ticket, offers it, and keeps quiet once told it is different', async () => {
    const { account, subject, root } = mount(token);
    await until(() => account.shadowRoot?.querySelector('a'));
    subject.focus();
    subject.value = 'Erro 550 nos e-mails';
    root.querySelector('button')!.focus();
    const warning = await until(() => account.shadowRoot?.querySelector('.warning'));
    expect(warning.textContent).to.contain('Você talvez já tenha um ticket sobre isso');
    expect([...warning.querySelectorAll('a')].map((a) => a.textContent)).to.include('Ir para o ticket BR-000124');
    expect(duplicateChecks).to.deep.equal([{ subject: 'Erro 550 nos e-mails', department: 'technical' }]);
    await expect(account).to.be.accessible();
    (warning.querySelector('button') as HTMLButtonElement).click();
    await until(() => !account.shadowRoot?.querySelector('.warning'));
    // Reaching the review step with the same subject asks nothing more and shows nothing.
    Object.assign(account, { subject: 'Erro 550 nos e-mails', reviewing: true });
    await account.updateComplete;
    expect(account.shadowRoot!.querySelector('.warning')).to.equal(null);
    expect(duplicateChecks).to.have.length(1);
  });

  it('takes the warning away once the ticket is sent, and asks afresh for the next one', async () => {
    const { account, subject, root } = mount(token);
    await until(() => account.shadowRoot?.querySelector('a'));
    subject.focus();
    subject.value = 'Erro 550 nos e-mails';
    root.querySelector('button')!.focus();
    await until(() => account.shadowRoot?.querySelector('.warning'));
    root.host.dispatchEvent(new CustomEvent('support-ticket-submitted', { detail: { id: 'x', number: 'BR-000125' }, bubbles: true, composed: true }));
    await until(() => !account.shadowRoot?.querySelector('.warning'));
    Object.assign(account, { subject: 'Erro 550 nos e-mails', reviewing: true });
    await until(() => account.shadowRoot?.querySelector('.warning'));
    expect(duplicateChecks).to.have.length(2);
  });

  it('checks a subject typed and left before it arrived', async () => {
    const { account } = mount(token, 'technical', 'Erro 550 nos e-mails');
    await until(() => account.shadowRoot?.querySelector('.warning'));
    expect(duplicateChecks).to.deep.equal([{ subject: 'Erro 550 nos e-mails', department: 'technical' }]);
  });

  it('asks once with a token the server refuses, and never with one past its exp', async () => {
    const refused = mount('eyJzdWIiOiI5OSJ9.Zm9yZ2Vk');
    await until(() => asked.length === 1);
    refused.subject.focus();
    refused.subject.value = 'Erro 550 nos e-mails';
    refused.root.querySelector('button')!.focus();
    Object.assign(refused.account, { subject: 'Erro 550 nos e-mails', reviewing: true });
    refused.root.host.dispatchEvent(new CustomEvent('support-ticket-submitted', { detail: { id: 'x', number: 'BR-000125' }, bubbles: true, composed: true }));
    await new Promise((r) => setTimeout(r, 600));
    expect(asked).to.deep.equal(['GET Bearer eyJzdWIiOiI5OSJ9.Zm9yZ2Vk']);
    expect(refused.account.shadowRoot!.textContent?.trim()).to.equal('');

    document.body.replaceChildren();
    asked.length = 0;
    const expired = mount(expiredToken, 'technical', 'Erro 550 nos e-mails');
    await expired.account.updateComplete;
    await new Promise((r) => setTimeout(r, 600));
    expect(asked).to.deep.equal([]);
  });
});

