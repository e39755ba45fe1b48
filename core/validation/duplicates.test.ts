import { describe, expect, it } from 'vitest';
import { findDuplicate, similarity, type SentTicket } from './duplicates.ts';

const now = new Date('2026-11-23T12:00:00-03:00');
const sent = (subject: string, sentAt: string, department: SentTicket['department'] = 'technical'): SentTicket => ({
  subject,
  department,
  sentAt,
});

describe('duplicates', () => {
  const bounce = sent('E-mail rejeitado com erro 550 em contato@loja.com.br', '2026-11-20T10:00:00-03:00');

  it('points at the ticket sent a few days ago about the same thing', () => {
    expect(findDuplicate([bounce], { subject: 'Erro 550: e-mails rejeitados em contato@loja.com.br', department: 'technical' }, now)).toBe(bounce);
  });

  it('ignores accents and capitals when comparing', () => {
    expect(similarity('Não consigo acessar o painel', 'NAO CONSIGO ACESSAR O PAINEL')).toBe(1);
  });

  it('says nothing about a different problem', () => {
    expect(findDuplicate([bounce], { subject: 'Certificado SSL expirado na loja.com.br', department: 'technical' }, now)).toBeNull();
  });

  it('says nothing when the earlier ticket went to another department', () => {
    expect(findDuplicate([bounce], { subject: bounce.subject, department: 'billing' }, now)).toBeNull();
  });

  it('forgets tickets older than 7 days', () => {
    const old = sent(bounce.subject, '2026-11-16T11:59:00-03:00');
    const recent = sent(bounce.subject, '2026-11-16T12:01:00-03:00');
    expect(findDuplicate([old], { subject: bounce.subject, department: 'technical' }, now)).toBeNull();
    expect(findDuplicate([recent], { subject: bounce.subject, department: 'technical' }, now)).toBe(recent);
  });

  it('picks the closest match, and the latest of equals', () => {
    const a = sent('Erro 550 no e-mail da loja', '2026-11-21T10:00:00-03:00');
    const b = sent('Erro 550 no e-mail da loja', '2026-11-22T10:00:00-03:00');
    const c = sent('Erro 550 no e-mail', '2026-11-22T11:00:00-03:00');
    expect(findDuplicate([a, c, b], { subject: 'Erro 550 no e-mail da loja', department: 'technical' }, now)).toBe(b);
  });

  it('says nothing when a subject has only little words', () => {
    expect(similarity('de la the', 'de la the')).toBe(0);
  });
});
