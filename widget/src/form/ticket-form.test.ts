import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { supportConfigSchema } from '../../../core/contract/support-config.ts';
import { ticketSchema } from '../../../core/contract/ticket.ts';
import { canLeaveStep, emptyFields, paidTier, secretsIn, stepErrors, stepFields, toTicket, type FormContext, type TicketFields } from './ticket-form.ts';

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
