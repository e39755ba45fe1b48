import { describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { StoredTicket } from '../store/records.ts';
import { composeConfirmation, StatusLinkError } from './confirmation.ts';
import { loadSupportConfig } from '../../../core/node/load-support-config.ts';

const statusUrl = 'https://ajuda.nuvolo.example/pt-br/ticket/#BR-000123.s3cr3t-t0k3n';
const company = { name: 'Nuvolo Hosting' };
const { markets } = loadSupportConfig('content');
const saoPaulo = markets.br;
const rome = markets.it;

function stored(ticket: Partial<Ticket> = {}, extra: Partial<StoredTicket> = {}): StoredTicket {
  return {
    id: 'tkt_01JDQ8Z6W0',
    number: 'BR-000123',
    status: 'open',
    // Monday 09:41 in São Paulo (UTC-3 all year): support is attending, so the queue's next opening is now.
    createdAt: '2026-11-23T12:41:30.000Z',
    expectedReplyBy: '2026-11-23T12:41:30.000Z',
    ticket: { ...exampleTicket, ...ticket },
    redacted: false,
    attachments: [],
    ...extra,
  };
}

const italian = (): StoredTicket =>
  stored(
    {
      lang: 'it',
      department: 'billing',
      topic: 'invoices',
      priority: 'medium',
      high: undefined,
      subject: 'Fattura di luglio addebitata due volte',
      message: [
        'Ciao, la fattura n. 2026/0712 del piano Business è stata addebitata due volte sulla carta.',
        'Il primo addebito è del 3 luglio, il secondo del 4 luglio, stesso importo.',
        'Potete rimborsare il secondo?',
      ].join('\n'),
      customer: { name: 'Giulia Romano', email: 'giulia@pasticceriaromano.example' },
    },
    // Wednesday 8 July, 23:30 in Rome (CEST, UTC+2): the commitment is a date, 7 days after the 8th.
    { number: 'IT-000045', createdAt: '2026-07-08T21:30:00.000Z', expectedReplyBy: '2026-07-15' },
  );

describe('composeConfirmation in Brazilian Portuguese', () => {
  const mail = composeConfirmation(stored(), { statusUrl, company, market: saoPaulo });

  it('puts the number and the subject in the e-mail subject', () => {
    expect(mail.subject).toBe(`[BR-000123] Recebemos seu ticket: ${exampleTicket.subject}`);
  });

  it('greets the customer by name and gives the ticket number', () => {
    expect(mail.text.startsWith('Olá, Mariana Costa,\n\n')).toBe(true);
    expect(mail.text).toContain('O número dele é BR-000123.');
    expect(mail.html).toContain('Olá, Mariana Costa,');
  });

  it('summarises department, priority, subject and the first lines of the message', () => {
    expect(mail.text).toContain('Departamento: Suporte Técnico');
    expect(mail.text).toContain('Prioridade: Alta');
    expect(mail.text).toContain(`Assunto: ${exampleTicket.subject}`);
    expect(mail.text).toContain('> Desde ontem (22/11) por volta das 16h');
    expect(mail.html).toContain('<th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">Departamento</th>');
  });

  it('promises no reply time: tickets are answered in order of arrival, and support was attending', () => {
    expect(mail.text).toContain('Não há prazo de resposta: os tickets são respondidos o quanto antes, por ordem de chegada, e a urgência não fura a fila. Estamos atendendo agora.');
    expect(mail.text).not.toContain('Primeira resposta prevista');
  });

  it('after hours, says when the queue is next worked, on Brasília’s clock, named', () => {
    const saturday = composeConfirmation(stored({}, { createdAt: '2026-11-15T01:10:00.000Z', expectedReplyBy: '2026-11-16T12:00:00.000Z' }), { statusUrl, company, market: saoPaulo });
    expect(saturday.text).toContain('Próximo horário de atendimento: segunda-feira, 16 de novembro às 09:00 (horário de Brasília).');
    expect(saturday.html).toContain('Próximo horário de atendimento: segunda-feira, 16 de novembro às 09:00 (horário de Brasília).');
  });

  it('says a second ticket about the same problem is closed, as the Brazilian policy does', () => {
    expect(mail.text).toContain('Não abra um novo ticket sobre o mesmo problema: um segundo ticket não acelera o atendimento. Ele é fechado.');
    expect(mail.text).not.toContain('fechado automaticamente');
  });

  it('links the status page in the text and in the HTML', () => {
    expect(mail.text).toContain(`Acompanhe seu ticket: ${statusUrl}`);
    expect(mail.html).toContain(`<a href="${statusUrl}"`);
    expect(mail.html).toContain('Acompanhar seu ticket BR-000123</a>');
  });

  it('explains how to reply, not to open a duplicate, and never to send passwords', () => {
    expect(mail.text).toContain('responda a este e-mail ou escreva dentro do ticket');
    expect(mail.text).toContain('Não abra um novo ticket sobre o mesmo problema');
    expect(mail.text).toContain('Nunca envie senhas');
    expect(mail.text).toContain('Equipe de suporte Nuvolo Hosting');
  });

  it('is an accessible HTML document in the ticket language, without images', () => {
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="pt-BR">/);
    expect(mail.html).toContain('<div role="article"');
    expect(mail.html).toContain('lang="pt-BR" style=');
    expect(mail.html).toContain('<title>[BR-000123] Recebemos seu ticket:');
    expect(mail.html).not.toMatch(/<img|<script|url\(/i);
  });

  it('says nothing about redaction when nothing was removed', () => {
    expect(mail.text).not.toContain('removemos');
  });
});

describe('composeConfirmation in Italian', () => {
  const mail = composeConfirmation(italian(), {
    statusUrl: 'https://ajuda.nuvolo.example/it/ticket/#IT-000045.t0k3n',
    company,
    market: rome,
  });

  it('speaks Italian from subject to signature', () => {
    expect(mail.subject).toBe('[IT-000045] Abbiamo ricevuto il tuo ticket: Fattura di luglio addebitata due volte');
    expect(mail.text).toContain('Ciao Giulia Romano,');
    expect(mail.text).toContain('Il suo numero è IT-000045.');
    expect(mail.text).toContain('Reparto: Amministrazione');
    expect(mail.text).toContain('Priorità: Media');
    expect(mail.text).toContain('Oggetto: Fattura di luglio addebitata due volte');
    expect(mail.text).toContain('Non aprire un nuovo ticket per lo stesso problema');
    expect(mail.text).toContain('Non inviare mai password');
    expect(mail.text).toContain('Il team di assistenza di Nuvolo Hosting');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="it">/);
  });

  it('commits to a reply within 7 days as a date, not a minute, for customers with a hosting plan', () => {
    expect(mail.text).toContain('Ci impegniamo a rispondere entro 7 giorni (entro mercoledì 15 luglio 2026) per i clienti con uno dei nostri piani hosting.');
    expect(mail.text).not.toMatch(/\d\d:\d\d/);
  });

  it('promises nothing to a sales question', () => {
    const sales = composeConfirmation({ ...italian(), expectedReplyBy: '', ticket: { ...italian().ticket, department: 'sales', topic: 'plans' } }, { statusUrl, company, market: rome });
    expect(sales.text).not.toContain('Ci impegniamo');
    expect(sales.text).not.toContain('Prima risposta');
  });

  it('says a ticket left without the customer’s reply for 7 days is closed', () => {
    expect(mail.text).toContain('un ticket senza una tua risposta per 7 giorni viene chiuso automaticamente');
  });

  it('links the Italian status page', () => {
    expect(mail.text).toContain('Segui il tuo ticket: https://ajuda.nuvolo.example/it/ticket/#IT-000045.t0k3n');
  });

  it('uses the department and priority names of the support config when given', () => {
    const named = composeConfirmation(italian(), {
      statusUrl,
      company,
      market: rome,
      names: { department: 'Fatturazione', priority: 'Normale' },
    });
    expect(named.text).toContain('Reparto: Fatturazione');
    expect(named.text).toContain('Priorità: Normale');
  });
});

describe('composeConfirmation with hostile or unusual input', () => {
  it('escapes every customer value in the HTML', () => {
    const mail = composeConfirmation(
      stored({
        subject: 'Site fora do ar <script>alert("x")</script>',
        message: 'Aparece <img src=x onerror=alert(1)> e depois "nada" & mais nada, desde ontem à noite.',
        customer: { name: 'Ana <b>"Bia"</b> O\'Hara', email: 'ana@example.com' },
      }),
      { statusUrl: 'https://ajuda.nuvolo.example/pt-br/ticket/#a"b<c', company: { name: 'Nuvolo & Cia' }, market: saoPaulo },
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('Site fora do ar &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Ana &lt;b&gt;&quot;Bia&quot;&lt;/b&gt; O&#39;Hara');
    expect(mail.html).toContain('&quot;nada&quot; &amp; mais nada');
    expect(mail.html).toContain('href="https://ajuda.nuvolo.example/pt-br/ticket/#a&quot;b&lt;c"');
    expect(mail.html).toContain('Equipe de suporte Nuvolo &amp; Cia');
    // The plain text part and the subject carry the words as written.
    expect(mail.subject).toContain('<script>alert("x")</script>');
  });

  it('keeps the subject on one line whatever the client sent', () => {
    const mail = composeConfirmation(stored({ subject: 'Erro 500\r\nBcc: all@example.com' }), { statusUrl, company, market: saoPaulo });
    expect(mail.subject).toBe('[BR-000123] Recebemos seu ticket: Erro 500 Bcc: all@example.com');
  });

  it('quotes only the beginning of a long message', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Linha ${i + 1}: ${'detalhe '.repeat(8).trim()}.`).join('\n');
    const mail = composeConfirmation(stored({ message: long }), { statusUrl, company, market: saoPaulo });
    expect(mail.text).toContain('> Linha 1:');
    expect(mail.text).toContain('> Linha 4:');
    expect(mail.text).not.toContain('Linha 5:');
    expect(mail.text).toMatch(/> Linha 4: .* …\n/);
  });

  it('cuts one endless line at a word, with an ellipsis', () => {
    const mail = composeConfirmation(stored({ message: 'palavra '.repeat(200).trim() }), { statusUrl, company, market: saoPaulo });
    const quoted = mail.text.split('\n').filter((line) => line.startsWith('> '));
    expect(quoted).toHaveLength(1);
    expect(quoted[0]!.length).toBeLessThanOrEqual(2 + 400 + 1);
    expect(quoted[0]).toMatch(/ palavra…$/);
  });

  it('warns the customer when the server removed a secret', () => {
    const mail = composeConfirmation(stored({}, { redacted: true }), { statusUrl, company, market: saoPaulo });
    // Nobody removed it by hand: the server did, as the ticket arrived.
    expect(mail.text).toContain('Ao receber seu ticket, removemos automaticamente algo que parecia uma senha');
  });

  it('writes in English for English tickets', () => {
    const mail = composeConfirmation(stored({ lang: 'en' }), { statusUrl, company, market: saoPaulo });
    expect(mail.subject).toBe(`[BR-000123] We received your ticket: ${exampleTicket.subject}`);
    expect(mail.text).toContain('Hello Mariana Costa,');
    expect(mail.text).toContain('Department: Technical support');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('refuses a status link that is not http(s)', () => {
    expect(() => composeConfirmation(stored(), { statusUrl: 'javascript:alert(1)', company, market: saoPaulo })).toThrow(
      /statusUrl: expected an http\(s\) URL/,
    );
  });

  it('names a broken status link without the read token in its fragment', () => {
    const broken = 'http://:::4321/pt-br/ticket/#BR-000123:1i1F5coQJLMzbM--T1fWYNgTFLPdBQctYxRnkQmNkC8';
    const error = (() => {
      try {
        composeConfirmation(stored(), { statusUrl: broken, company, market: saoPaulo });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(StatusLinkError);
    expect(error?.message).toBe('statusUrl: expected an http(s) URL (check PUBLIC_URL), found "http://:::4321/pt-br/ticket/#…"');
  });
});
