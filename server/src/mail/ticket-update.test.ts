import { describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import { storedTicket } from '../forwarders/stored-ticket.fixture.ts';
import { composeUpdate } from './ticket-update.ts';
import { StatusLinkError } from './confirmation.ts';

const link = 'https://suporte.example.com.br/pt-br/ticket/#BR-000042.the-read-token';
const company = { name: 'Nuvolo Hosting' };

describe('the e-mail about support\'s news', () => {
  it('tells an Italian customer support waits on them, and the day the ticket closes without their reply', () => {
    const stored = storedTicket({ number: 'IT-000007', ticket: { ...exampleTicket, lang: 'it', subject: 'Email rifiutata con errore 550' } });
    const mail = composeUpdate(stored, { at: '2026-11-26T09:00:00.000Z', kind: 'status', by: 'support', status: 'waiting-customer', note: 'Ci serve l’intestazione completa.' }, {
      statusUrl: link, company, closesOn: '2026-12-03', reopenable: true,
    });
    expect(mail.subject).toBe('[IT-000007] Il tuo ticket ora è “In attesa di risposta”: Email rifiutata con errore 550');
    expect(mail.text).toContain('> Ci serve l’intestazione completa.');
    expect(mail.text).toContain('il ticket si chiude il 3 dicembre 2026');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain('lang="it"');
  });

  it('quotes support\'s reply where its text may be shown, and only says it replied otherwise', () => {
    const stored = storedTicket({ number: 'BR-000042' });
    const shown = composeUpdate(stored, { at: '2026-11-26T09:00:00.000Z', kind: 'agent-reply', by: 'support', status: 'answered', message: 'Liberamos o seu IP <script>.' }, { statusUrl: link, company, reopenable: true });
    expect(shown.subject).toMatch(/^\[BR-000042\] O suporte respondeu: /);
    expect(shown.text).toContain('> Liberamos o seu IP <script>.');
    expect(shown.html).toContain('Liberamos o seu IP &lt;script&gt;.');
    expect(shown.html).not.toContain('<script>');
    const hidden = composeUpdate(stored, { at: '2026-11-26T09:00:00.000Z', kind: 'agent-reply', by: 'support', status: 'answered' }, { statusUrl: link, company, reopenable: true });
    expect(hidden.text).toContain('Abra o ticket para ler a resposta.');
  });

  it('says how to go on after a close: reply to reopen, or a new ticket where the helpdesk cannot reopen', () => {
    const stored = storedTicket({ number: 'BR-000042', ticket: { ...exampleTicket, lang: 'en' } });
    const closed = { at: '2026-11-26T09:00:00.000Z', kind: 'status' as const, status: 'closed' as const };
    expect(composeUpdate(stored, closed, { statusUrl: link, company, reopenable: true }).text).toContain('reply from the ticket page and it opens again');
    expect(composeUpdate(stored, closed, { statusUrl: link, company, reopenable: false }).text).toContain('open a new ticket and mention BR-000042');
  });

  it('refuses a status link that is not http(s), naming no token', () => {
    expect(() => composeUpdate(storedTicket(), { at: '2026-11-26T09:00:00.000Z', kind: 'status', status: 'closed' }, { statusUrl: 'javascript:alert(1)#secret', company, reopenable: true })).toThrow(StatusLinkError);
  });
});
