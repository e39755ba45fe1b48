import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { buildForwarders, confirmationForwarder, statusUrl } from './forwarding.ts';
import type { OutgoingMail } from './mail/smtp.ts';
import { createOutboxWorker, type OutboxLogEntry } from './outbox/worker.ts';
import { ticketToken } from './intake/ticket-token.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import { newTicket } from './store/store-conformance.ts';

const config = loadConfig({ CONTENT_DIR: 'content', PUBLIC_URL: 'https://suporte.example.com.br' });
const secret = Buffer.alloc(32, 7);
const smtp = { SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'Nuvolo Hosting <suporte@nuvolo.example>' };
const whmcs = { WHMCS_URL: 'https://billing.example.com', WHMCS_IDENTIFIER: 'id', WHMCS_SECRET: 'secret', WHMCS_DEPARTMENTS: 'technical=1,billing=2,sales=3' };
const webhook = { WEBHOOK_URL: 'https://hooks.example.com/support', WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 1).toString('base64')}` };

describe('who receives a ticket', () => {
  it('keeps tickets in the local database only when nothing is configured', () => {
    expect(buildForwarders({}, config, secret).forwarders).toEqual([]);
  });

  it('mails the customer a confirmation when SMTP is set and no forwarder mails them itself', () => {
    expect(buildForwarders({ ...smtp, ...webhook }, config, secret).forwarders.map((f) => f.name)).toEqual(['webhook', 'confirmation-email']);
  });

  it('leaves the confirmation to a helpdesk that sends its own (WHMCS)', () => {
    expect(buildForwarders({ ...smtp, ...whmcs }, config, secret).forwarders.map((f) => f.name)).toEqual(['whmcs']);
  });

  it('knows whether the customer gets a confirmation e-mail: ours with SMTP, or a helpdesk’s own, never otherwise', () => {
    const mails = (env: Record<string, string>) => buildForwarders(env, config, secret).confirmationEmail;
    expect(mails({})).toBe(false);
    expect(mails(webhook)).toBe(false);
    expect(mails({ ...smtp, ...webhook })).toBe(true);
    expect(mails(whmcs)).toBe(true);
  });

  it('stops on a half-configured forwarder, naming the variable', () => {
    expect(() => buildForwarders({ WHMCS_URL: 'https://billing.example.com' }, config, secret)).toThrow(/WHMCS_IDENTIFIER/);
    expect(() => buildForwarders({ SMTP_URL: 'smtp://127.0.0.1:2525' }, config, secret)).toThrow(/SMTP_FROM/);
  });

  it('links the status page in the customer language, with the token in the fragment only', () => {
    expect(statusUrl(config, 'IT-000042', 'a:b', 'it')).toBe('https://suporte.example.com.br/it/ticket/#IT-000042:a%3Ab');
    expect(statusUrl(config, 'BR-000001', 'tok', 'en')).toBe('https://suporte.example.com.br/pt-br/ticket/#BR-000001:tok');
  });

  it('links an IPv6 host as a valid URL', () => {
    const local = { ...config, publicUrl: undefined, host: '::1' };
    expect(statusUrl(local, 'BR-000001', 'tok', 'pt-BR')).toBe('http://[::1]:4321/pt-br/ticket/#BR-000001:tok');
  });
});

describe('a confirmation whose status link cannot be built', () => {
  it('gives up after the attempts meant for fixing the setting, and never logs or stores the read token', async () => {
    const store = openSqliteStore(':memory:');
    const sent: OutgoingMail[] = [];
    // A PUBLIC_URL typed without its scheme, as a config read elsewhere could let through.
    const broken = { ...config, publicUrl: 'suporte.example.com.br' };
    const confirmation = confirmationForwarder({ send: async (mail) => void sent.push(mail) }, broken, secret);
    const { ticket } = await store.createTicket(newTicket({ id: 'tkt_link', forwarders: ['confirmation-email'] }));
    const logs: OutboxLogEntry[] = [];
    let now = new Date('2026-11-23T12:41:10.000Z');
    const worker = createOutboxWorker({ store, forwarders: [confirmation], readAttachment: async () => new Uint8Array(), now: () => now, log: (entry) => void logs.push(entry), backoff: { random: () => 0 } });

    for (let attempt = 0; attempt < 8; attempt++) {
      await worker.runOnce();
      now = new Date(now.getTime() + 3_600_000);
    }
    const [delivery] = await store.deliveriesFor(ticket.id);
    store.close();

    expect(delivery).toMatchObject({ state: 'failed', attempts: 5 });
    expect(delivery?.lastError).toBe('confirmation-email: statusUrl: expected an http(s) URL (check PUBLIC_URL), found "suporte.example.com.br/pt-br/ticket/#…"');
    expect(JSON.stringify(logs)).not.toContain(ticketToken(secret, ticket.id));
    expect(sent).toEqual([]);
  });
});

describe('where a ticket\'s life after Send goes', () => {
  it('sends customers\' replies to each helpdesk that takes them, and support\'s news by e-mail only where no helpdesk mails its own', () => {
    expect(buildForwarders({ ...smtp, ...webhook }, config, secret).afterSend).toEqual({ canReopen: true, replyForwarders: ['webhook'], closeForwarders: ['webhook'], customerMail: ['confirmation-email'] });
    expect(buildForwarders({ ...smtp, ...whmcs }, config, secret).afterSend).toMatchObject({ replyForwarders: ['whmcs'], closeForwarders: ['whmcs'], customerMail: [] });
    expect(buildForwarders({}, config, secret).afterSend).toEqual({ canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: [] });
  });

  it('e-mails the customer support\'s reply after the confirmation, with the status link and the reply, once', async () => {
    const store = openSqliteStore(':memory:');
    const sent: OutgoingMail[] = [];
    const mail = confirmationForwarder({ send: async (message) => void sent.push(message) }, config, secret);
    const { ticket } = await store.createTicket(newTicket({ id: 'tkt_news', forwarders: ['confirmation-email'] }));
    await store.addTicketEvent({
      id: 'evt_1', ticketId: ticket.id, at: '2026-11-23T13:00:00.000Z', kind: 'agent-reply', by: 'support', status: 'waiting-customer',
      message: 'Liberamos o IP. Pode testar?', deliverTo: ['confirmation-email'],
    });
    const worker = createOutboxWorker({ store, forwarders: [mail], readAttachment: async () => new Uint8Array(), now: () => new Date('2026-11-23T13:01:00.000Z') });
    for (let run = 0; run < 3; run++) await worker.runOnce();
    store.close();

    expect(sent.map((m) => m.messageKey)).toEqual(['confirmation.tkt_news', 'update.evt_1']);
    expect(sent[1]?.subject).toMatch(/^\[BR-000001\] O suporte respondeu: /);
    expect(sent[1]?.text).toContain('> Liberamos o IP. Pode testar?');
    expect(sent[1]?.text).toContain(statusUrl(config, 'BR-000001', ticketToken(secret, ticket.id), 'pt-BR'));
  });
});
