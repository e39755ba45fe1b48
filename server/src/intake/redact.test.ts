import { describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { harmlessLookalikes, secretSpellings } from '../../../core/validation/secrets.corpus.ts';
import { redactionMarkers, redactSearchQuery, redactTextFully, redactTicket, redactTicketFully, redactUrl } from './redact.ts';

const removed = '[removido automaticamente]';
// A Shopify admin token: a format only secretlint's rules know.
const shopifyToken = `shpat_${'a1B2c3D4'.repeat(4)}`;

describe('redaction of a stored ticket', () => {
  it('leaves a marker that says the removal was automatic, not a person’s, and still knows the older markers', async () => {
    const italian = await redactTicketFully({ ...exampleTicket, lang: 'it', message: `${exampleTicket.message}\npassword: Padaria#2025` });
    expect(italian.ticket.message).toContain('password: [rimosso automaticamente]');
    expect(redactionMarkers).toEqual(expect.arrayContaining(['[removed automatically]', '[removido pelo suporte]']));
  });

  it('scans every free-text field, including the name, the search, the links and the file names', async () => {
    const ticket: Ticket = {
      ...exampleTicket,
      customer: { name: 'Mariana senha: Padaria#2025', email: exampleTicket.customer.email },
      deflection: {
        query: 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr não funciona',
        suggested: ['https://ajuda.nuvolo.example/pt-br/?api_key=9f8e7d6c5b4a39281716'],
      },
      client: { startedAt: exampleTicket.client.startedAt, pageUrl: 'https://loja.example/minha-conta/?token=Xy7kP2qLm9Rt4Vw8Zb1N' },
      attachments: [{ name: 'senha=Mudar@123.png', type: 'image/png', size: 10 }],
    };
    const { ticket: clean, redacted } = await redactTicketFully(ticket);
    expect(redacted).toBe(true);
    expect(clean.customer.name).toBe(`Mariana senha: ${removed}`);
    expect(clean.deflection?.query).toBe(`${removed} não funciona`);
    expect(clean.deflection?.suggested).toEqual(['https://ajuda.nuvolo.example/pt-br/?api_key=REDACTED']);
    expect(clean.client.pageUrl).toBe('https://loja.example/minha-conta/?token=REDACTED');
    expect(clean.attachments?.[0]?.name).toBe(`senha=${removed}`);
    // What is not free text stays as it was.
    expect([clean.lang, clean.priority, clean.customer.email, clean.client.startedAt, clean.attachments?.[0]?.type]).toEqual([
      ticket.lang, ticket.priority, ticket.customer.email, ticket.client.startedAt, 'image/png',
    ]);
  });

  it('scans a field the contract gains later without being told about it', () => {
    const newer = { ...exampleTicket, billingNotes: 'cartão 4111 1111 1111 1111' } as Ticket;
    const { ticket, redacted } = redactTicket(newer);
    expect(redacted).toBe(true);
    expect((ticket as Ticket & { billingNotes: string }).billingNotes).toBe(`cartão ${removed}`);
  });

  it('leaves an ordinary ticket alone, and does not change the ticket it was given', async () => {
    const original = structuredClone(exampleTicket);
    expect(await redactTicketFully(exampleTicket)).toEqual({ ticket: exampleTicket, redacted: false });
    redactTicket({ ...exampleTicket, message: `${exampleTicket.message}\nsenha: abc123` });
    expect(exampleTicket).toEqual(original);
  });

  it('runs secretlint as a second pass for key formats core does not know', async () => {
    expect(redactTicket({ ...exampleTicket, errorMessage: `Shopify: ${shopifyToken}` }).redacted).toBe(false);
    const { ticket } = await redactTicketFully({ ...exampleTicket, errorMessage: `Shopify: ${shopifyToken}` });
    expect(ticket.errorMessage).toBe(`Shopify: ${removed}`);
  });

  it('keeps user and host readable when core already found the password in a connection string', async () => {
    expect((await redactTextFully('DATABASE_URL=mysql://root:Segreto2025@db.loja.example/wp', 'it')).text).toBe(
      'DATABASE_URL=mysql://root:[rimosso automaticamente]@db.loja.example/wp',
    );
  });
});

describe('redaction of links', () => {
  it('keeps a link a link: credentials, token parameters and token fragments become REDACTED', () => {
    expect(redactUrl('https://admin:hunter22@staging.loja.example/wp-admin/')).toEqual({ text: 'https://admin:REDACTED@staging.loja.example/wp-admin/', redacted: true });
    // The status page link: number and read token in the fragment.
    expect(redactUrl('https://ajuda.nuvolo.example/pt-br/ticket/#BR-000001:1i1F5coQJLMzbM--T1fWYNgTFLPdBQctYxRnkQmNkC8')).toEqual({
      text: 'https://ajuda.nuvolo.example/pt-br/ticket/#REDACTED',
      redacted: true,
    });
    expect(redactUrl('https://loja.example/callback#access_token=abc&state=1').text).toBe('https://loja.example/callback#REDACTED');
  });

  it('leaves ordinary links exactly as they were', () => {
    for (const url of ['https://www.nuvolo.example/pt-br/suporte/', 'https://loja.example/busca?q=erro+550&page=2#resultados', 'http://localhost:4321/demo/'])
      expect(redactUrl(url), url).toEqual({ text: url, redacted: false });
  });

  it('finds token parameters in links inside the message too', () => {
    expect(redactTicket({ ...exampleTicket, message: `${exampleTicket.message}\nO link foi https://loja.example/reset?token=Ab3dEf6hIj9kLm2nOp5q.` }).ticket.message).toContain(
      'https://loja.example/reset?token=REDACTED.',
    );
  });
});

describe('redaction of search queries', () => {
  it('marks the keys secretlint finds the way scrubQuery marks the rest', async () => {
    expect(await redactSearchQuery(`erro com ${shopifyToken} no checkout`)).toBe('erro com  [secret]  no checkout');
    expect(await redactSearchQuery('erro 550 5.1.1')).toBe('erro 550 5.1.1');
  });
});

describe('redaction on the server, measured on the corpus', () => {
  it('hides at least 95% of the corpus secrets and changes at most 2% of the harmless look-alikes', async () => {
    const missed: string[] = [];
    for (const { text, secret } of secretSpellings) if ((await redactTextFully(text, 'en')).text.includes(secret)) missed.push(text);
    const changed: string[] = [];
    for (const text of harmlessLookalikes) if ((await redactTextFully(text, 'en')).redacted) changed.push(text);
    expect(missed.length / secretSpellings.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(0.05);
    expect(changed.length / harmlessLookalikes.length, `changed: ${changed.join(' | ')}`).toBeLessThanOrEqual(0.02);
  });
});
