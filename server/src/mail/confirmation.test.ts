import { describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { StoredTicket } from '../store/records.ts';
import { composeConfirmation, StatusLinkError } from './confirmation.ts';

const statusUrl = 'https://ajuda.nuvolo.example/pt-br/ticket/#BR-000123.s3cr3t-t0k3n';
const company = { name: 'Nuvolo Hosting' };
const saoPaulo = { timeZone: 'America/Sao_Paulo' };
const rome = { timeZone: 'Europe/Rome' };

function stored(ticket: Partial<Ticket> = {}, extra: Partial<StoredTicket> = {}): StoredTicket {
  return {
    id: 'tkt_01JDQ8Z6W0',
    number: 'BR-000123',
    status: 'open',
    createdAt: '2026-11-23T12:41:30.000Z',
    // 12:41 UTC is 09:41 in São Paulo (UTC-3 all year).
    expectedReplyBy: '2026-11-30T12:41:00.000Z',
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
    // 08:00 UTC in July is 10:00 in Rome (CEST, UTC+2).
    { number: 'IT-000045', expectedReplyBy: '2026-07-15T08:00:00.000Z' },
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

  it('shows the expected first reply on the São Paulo clock', () => {
    expect(mail.text).toMatch(/Primeira resposta prevista: segunda-feira, 30 de novembro de 2026 .*09:41/);
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
    expect(mail.text).not.toContain('Removemos');
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

  it('shows the expected first reply on the Rome clock, summer time included', () => {
    expect(mail.text).toMatch(/Prima risposta prevista: mercoledì 15 luglio 2026 .*10:00/);
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
    expect(mail.text).toContain('Removemos do seu ticket algo que parecia uma senha');
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
