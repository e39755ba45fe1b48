import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { supportConfigSchema } from '../../../core/contract/support-config.ts';
import { ticketSchema } from '../../../core/contract/ticket.ts';
import { canLeaveStep, emptyFields, paidRequires, paidTier, secretsIn, stepErrors, stepFields, toTicket, topicTier, type FormContext, type TicketFields } from './ticket-form.ts';

const config = supportConfigSchema.parse(parse(readFileSync(new URL('../../../content/support.yaml', import.meta.url), 'utf8')));
const br: FormContext = { config, market: 'br', contactKnown: false, serviceKnown: false };
const it_: FormContext = { ...br, market: 'it' };

const complete = (): TicketFields => ({
  ...emptyFields('technical'),
  subject: 'E-mail devolvido com erro 550',
  message: 'Desde ontem os e-mails para contato@pão.com.br voltam com erro 550 User unknown.',
  topic: 'email',
  domain: 'https://pão.com.br/contato',
  errorMessage: '550 5.1.1 User unknown',
  name: 'Maria Souza',
  email: 'maria@exemplo.com.br',
});

describe('the ticket form', () => {
  it('asks only for the subject first: the first description is optional', () => {
    expect(stepFields('describe', emptyFields(), br)).toEqual(['subject']);
    expect([...stepErrors('describe', emptyFields(), br).entries()]).toEqual([['subject', { key: 'subject.required' }]]);
  });

  it('asks billing for less than technical: no domain, panel user or error message', () => {
    expect(stepFields('details', emptyFields('billing'), br)).toEqual(['service', 'priority', 'message']);
    expect(stepFields('details', emptyFields('technical'), br)).toEqual(['service', 'domain', 'panelUser', 'priority', 'message', 'errorMessage']);
  });

  it('does not ask for the service when the host page named it, nor for contact when it knows the customer', () => {
    const known = { ...br, serviceKnown: true, contactKnown: true };
    expect(stepFields('details', emptyFields('sales'), known)).toEqual(['priority', 'message']);
    expect(stepFields('contact', emptyFields(), known)).toEqual([]);
  });

  it('needs an explicit "I understand" for a topic that costs money in that market', () => {
    const fields = { ...complete(), topic: 'code-errors' };
    expect(paidTier(fields, br)).toBe('paid');
    expect(stepErrors('department', fields, br).get('paidAcknowledged')).toEqual({ key: 'paid.required' });
    expect(canLeaveStep('department', { ...fields, paidAcknowledged: true }, br)).toBe(true);
    // SSL is paid in Brazil; the database is included in both markets.
    expect(paidTier({ ...fields, topic: 'ssl' }, br)).toBe('paid');
    expect(paidTier({ ...fields, topic: 'database' }, it_)).toBeUndefined();
    expect(paidTier({ ...fields, topic: 'migration' }, br)).toBe('quoted');
  });

  it('does not make a customer accept a cost for a DNS failure that may be the provider’s: support finds the cause first', () => {
    const dns = { ...complete(), topic: 'dns' };
    for (const market of [br, it_]) {
      expect(topicTier(dns, market)).toBe('paid-unless-ours');
      expect(paidTier(dns, market)).toBeUndefined();
      expect(stepFields('department', dns, market)).toEqual(['department', 'topic']);
      expect(canLeaveStep('department', dns, market)).toBe(true);
    }
    // In Italy panel questions are credits unless the fault is ours; in Brazil they are basic support.
    expect(topicTier({ ...dns, topic: 'panel' }, it_)).toBe('paid-unless-ours');
    expect(topicTier({ ...dns, topic: 'panel' }, br)).toBe('included');
  });

  it('asks a paid Brazilian request for the steps and a screenshot, as the policy requires, and Italy’s for neither', () => {
    const paid = { ...complete(), topic: 'code-errors', paidAcknowledged: true };
    expect(paidRequires(paid, br)).toEqual(['screenshot', 'steps']);
    expect(stepFields('details', paid, br)).toEqual(['service', 'domain', 'panelUser', 'priority', 'message', 'steps', 'errorMessage', 'screenshot']);
    expect(Object.fromEntries(stepErrors('details', paid, br))).toEqual({ steps: { key: 'steps.required' }, screenshot: { key: 'screenshot.required' } });
    expect(stepErrors('details', { ...paid, steps: 'Abro o site.' }, br).get('steps')).toEqual({ key: 'steps.too-short', params: { min: 15 } });
    const complete_ = { ...paid, steps: 'Abro a página /contato e clico em Enviar: aparece o erro 500.' };
    expect(canLeaveStep('details', complete_, { ...br, screenshot: true })).toBe(true);
    // Included work and Italian paid work ask for neither.
    expect(stepFields('details', complete(), br)).not.toContain('steps');
    expect(paidRequires(paid, it_)).toEqual([]);
    expect(canLeaveStep('details', paid, it_)).toBe(true);
  });

  it('sends the steps with a paid request, and the contract checks them as the form does', () => {
    const fields = { ...complete(), topic: 'code-errors', paidAcknowledged: true, steps: '  Abro a página /contato e clico em Enviar: aparece o erro 500.  ' };
    const ticket = toTicket(fields, { ...br, screenshot: true }, { lang: 'pt-BR', startedAt: '2026-11-23T13:00:00.000Z', attachments: [{ name: 'erro.png', type: 'image/png', size: 2048 }] });
    expect(ticket.steps).toBe('Abro a página /contato e clico em Enviar: aparece o erro 500.');
    expect(ticketSchema.safeParse(ticket).success).toBe(true);
    const short = ticketSchema.safeParse({ ...ticket, steps: 'Abro o site.' });
    expect(short.success ? [] : short.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['steps', 'steps.too-short']]);
    // Steps typed for a paid topic are not sent once the customer picks an included one.
    expect(toTicket({ ...fields, topic: 'email' }, br, { lang: 'pt-BR', startedAt: '2026-11-23T13:00:00.000Z', attachments: [] })).not.toHaveProperty('steps');
  });

  it('tells support whether a problem free when the cause is ours started after the customer’s change, and never blocks on it', () => {
    const extras = { lang: 'pt-BR' as const, startedAt: '2026-11-23T13:00:00.000Z', attachments: [] };
    const dns = { ...complete(), topic: 'dns', changedBefore: 'yes' as const };
    expect(topicTier(dns, br)).toBe('paid-unless-ours');
    const ticket = toTicket(dns, br, extras);
    expect(ticket.changedBefore).toBe('yes');
    expect(ticket).not.toHaveProperty('paidAcknowledged');
    expect(ticketSchema.safeParse(ticket).success).toBe(true);
    // Unanswered, it is not asked again: the notice stays and support finds the cause.
    expect(canLeaveStep('department', { ...dns, changedBefore: '' }, br)).toBe(true);
    expect(toTicket({ ...dns, changedBefore: '' }, br, extras)).not.toHaveProperty('changedBefore');
    // An included topic sends no answer given to another one.
    expect(toTicket({ ...dns, topic: 'email' }, br, extras)).not.toHaveProperty('changedBefore');
  });

  it('asks for confirmation and a reason only with high priority', () => {
    const high = { ...complete(), priority: 'high' as const };
    expect(stepFields('details', high, br)).toContain('highReason');
    expect([...stepErrors('details', high, br).keys()]).toEqual(['serviceDown', 'highReason']);
    expect(canLeaveStep('details', { ...high, serviceDown: true, highReason: 'Site fora do ar' }, br)).toBe(true);
  });

  it('blocks Send while any field holds a secret, and names the field', () => {
    const fields = { ...complete(), message: `${complete().message} Minha senha: Abc123xyz!` };
    expect([...secretsIn(fields).keys()]).toEqual(['message']);
    expect(canLeaveStep('review', fields, br)).toBe(false);
    expect(canLeaveStep('review', complete(), br)).toBe(true);
  });

  it('builds a ticket the contract accepts: the host of a pasted URL, trimmed text, no empty extras', () => {
    const ticket = toTicket({ ...complete(), subject: '  E-mail devolvido com erro 550  ' }, br, {
      lang: 'pt-BR',
      startedAt: '2026-11-23T13:00:00.000Z',
      attachments: [{ name: 'bounce.png', type: 'image/png', size: 2048 }],
      deflection: { query: 'erro 550', suggested: ['https://kb.example/pt-br/email-devolvido-550-554/'] },
    });
    expect(ticketSchema.safeParse(ticket).success).toBe(true);
    expect(ticket).toMatchObject({ subject: 'E-mail devolvido com erro 550', domain: 'pão.com.br', topic: 'email', priority: 'medium' });
    expect(ticket).not.toHaveProperty('high');
    expect(ticket).not.toHaveProperty('panelUser');
    expect(ticket).not.toHaveProperty('paidAcknowledged');
  });

  it('leaves technical fields out of a billing ticket even if they were typed before switching', () => {
    const ticket = toTicket({ ...complete(), department: 'billing', topic: 'invoices' }, br, { lang: 'pt-BR', startedAt: '2026-11-23T13:00:00.000Z', attachments: [] });
    expect(ticket).not.toHaveProperty('domain');
    expect(ticket).not.toHaveProperty('errorMessage');
    expect(ticketSchema.safeParse(ticket).success).toBe(true);
  });
});
