import { describe, expect, it } from 'vitest';
import { ui } from '../../i18n/ui.ts';
import { helpdeskLabel, threadItems, ticketNews, typeList, type ThreadWords } from './ticket-thread.ts';
import { timelineWords } from './timeline-words.ts';

const t = ui['pt-BR'];
// Only the timeline's words matter here; the form's are checked through the page.
const words = timelineWords(t) as ThreadWords;
const statuses = { open: 'Aberto', 'in-review': 'Em análise', answered: 'Respondido', 'waiting-customer': 'Aguardando você', closed: 'Fechado' };
const options = { words, statuses, lang: 'pt-BR', time: (iso: string) => `[${iso}]` };

describe('the timeline', () => {
  it('tells the ticket life newest first: created, a reply of support without its text, waiting on you, your reply with files, closed by you', () => {
    const items = threadItems(
      [
        { at: '2026-11-20T13:05:00Z', kind: 'status', status: 'open' },
        { at: '2026-11-20T15:00:00Z', kind: 'agent-reply', status: 'answered', by: 'support' },
        { at: '2026-11-20T15:00:01Z', kind: 'status', status: 'waiting-customer', by: 'support', note: 'Envie o cabeçalho do e-mail.' },
        { at: '2026-11-20T16:00:00Z', kind: 'customer-reply', status: 'in-review', by: 'customer', message: 'Segue o cabeçalho.', attachments: 2 },
        { at: '2026-11-21T09:00:00Z', kind: 'status', status: 'closed', by: 'customer' },
      ],
      options,
    );
    expect(items.map((i) => [i.title, i.status, i.text, i.attachments])).toEqual([
      ['Você fechou o ticket', 'closed', undefined, undefined],
      ['Você respondeu', 'in-review', 'Segue o cabeçalho.', '2 anexos'],
      ['Aguardando a sua resposta', 'waiting-customer', 'Envie o cabeçalho do e-mail.', undefined],
      ['O suporte respondeu', 'answered', 'O suporte respondeu em [2026-11-20T15:00:00Z]. A resposta está no e-mail que você recebeu ou na sua área do cliente.', undefined],
      ['Ticket aberto', 'open', undefined, undefined],
    ]);
  });

  it('quotes support where the helpdesk lets its text be shown', () => {
    const [item] = threadItems([{ at: '2026-11-20T15:00:00Z', kind: 'agent-reply', status: 'answered', message: 'Liberamos o IP.' }], options);
    expect(item).toMatchObject({ title: 'O suporte respondeu', text: 'Liberamos o IP.', by: 'support' });
  });

  it('says when a reply reopened a closed ticket, and when support reopened it', () => {
    const items = threadItems(
      [
        { at: '2026-11-20T13:05:00Z', status: 'open' },
        { at: '2026-11-21T10:00:00Z', status: 'closed', by: 'support' },
        { at: '2026-11-22T10:00:00Z', kind: 'customer-reply', status: 'open', message: 'Voltou a falhar.' },
        { at: '2026-11-23T10:00:00Z', status: 'closed' },
        { at: '2026-11-24T10:00:00Z', status: 'in-review' },
      ],
      options,
    );
    expect(items.map((i) => i.title)).toEqual(['Ticket reaberto', 'Ticket fechado', 'Você respondeu · Ticket reaberto', 'Ticket fechado', 'Ticket aberto']);
  });

  it('orders by the helpdesk time, whatever order the entries came in, and skips entries without a time', () => {
    const items = threadItems(
      [
        { at: '2026-11-22T10:00:00Z', status: 'in-review' },
        { at: '2026-11-20T13:05:00Z', status: 'open' },
        { status: 'answered' },
      ],
      options,
    );
    expect(items.map((i) => i.title)).toEqual(['Em análise', 'Ticket aberto']);
  });
});

describe('the helpdesk number', () => {
  it('names the helpdesk as its maker does', () => {
    expect(helpdeskLabel({ helpdesk: 'whmcs', number: '#482913' }, words)).toBe('no WHMCS: #482913');
    expect(helpdeskLabel({ helpdesk: 'OTRS', number: '2026112010000042' }, words)).toBe('no OTRS: 2026112010000042');
    expect(helpdeskLabel(undefined, words)).toBe('');
  });
});

describe('the allowed file types', () => {
  it('reads as a customer knows them, in the page language', () => {
    const types = ['image/png', 'image/jpeg', 'application/pdf', 'text/plain'];
    expect(typeList(types, 'pt-BR')).toBe('PNG, JPEG, PDF ou TXT');
    expect(typeList(types, 'it')).toBe('PNG, JPEG, PDF o TXT');
  });
});

describe('news the page finds on its own', () => {
  const opened = { at: '2026-11-20T13:05:00Z', kind: 'status' as const, status: 'open' as const };
  const before = { status: 'open', history: [opened] };

  it("says support's reply by its title when the history grew", () => {
    const history = [opened, { at: '2026-11-20T15:00:00Z', kind: 'agent-reply' as const, status: 'answered' as const, by: 'support' as const, message: 'Liberamos o IP.' }];
    const after = { status: 'answered', history };
    expect(ticketNews(before, after, threadItems(history, options)[0], { words, statuses })).toBe('Novidade no ticket: O suporte respondeu.');
  });

  it('says the new status when only the status moved, and nothing when all is as shown', () => {
    expect(ticketNews(before, { status: 'closed', history: [opened] }, undefined, { words, statuses })).toBe('Novidade no ticket: Fechado.');
    expect(ticketNews(before, { status: 'open', history: [opened] }, threadItems([opened], options)[0], { words, statuses })).toBeUndefined();
  });
});
