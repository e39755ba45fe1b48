import { lintSource } from '@secretlint/core';
import { creator as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { harmlessLookalikes, secretSpellings } from '../../../core/validation/secrets.corpus.ts';
import { redactionMarkers, redactSearchQuery, redactTextFully, redactTicket, redactTicketFully, redactUrl, secretlintRuleNeedles } from './redact.ts';

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

describe('redaction of a whole ticket in one look when nothing can change', () => {
  /** The ticket as each field's own passes leave it: what the one look must never differ from. */
  async function fieldByField(ticket: Ticket): Promise<{ ticket: Ticket; redacted: boolean }> {
    const copy = structuredClone(ticket);
    let redacted = false;
    const visit = async (value: Record<string, unknown>, path: string): Promise<void> => {
      for (const [key, item] of Object.entries(value)) {
        const at = Array.isArray(value) ? `${path}*` : `${path}${key}`;
        const opaque = ['lang', 'department', 'topic', 'priority', 'customer.email', 'customer.token', 'client.startedAt', 'attachments.*.type'].includes(at);
        if (typeof item === 'string' && item && !opaque) {
          const result = await redactTextFully(item, ticket.lang);
          value[key] = result.text;
          redacted ||= result.redacted;
        } else if (item && typeof item === 'object') await visit(item as Record<string, unknown>, `${at}.`);
      }
    };
    await visit(copy, '');
    return { ticket: copy, redacted };
  }

  // Mostly ordinary text (so that most tickets take the one look), sometimes the corpus's secrets and look-alikes.
  const ordinary = [
    'O site caiu desde ontem', 'Erro 550 ao enviar para vendas@loja.com.br', 'Passos: abrir o painel admin e clicar em salvar', 'wp-admin/ devolve 403',
    'veja https://ajuda.nuvolo.example/pt-br/email/ e https://loja.example/a?b=1', '+55 11 98765-4321', 'il sito non si apre', '://',
    // A link inside the text that only its query gives away: no pattern's gate opens on it.
    'o link (https://loja.example/pedido?id=Xy7kP2qLm9Rt4Vw8Zb1N) não abre',
  ];
  const text = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ordinary) },
    { weight: 1, arbitrary: fc.constantFrom(...secretSpellings.map((s) => s.text), ...harmlessLookalikes, `Shopify: ${shopifyToken}`) },
  );
  const links = [
    'https://ajuda.nuvolo.example/pt-br/email/erro-550/', 'https://loja.example/minha-conta/?token=Xy7kP2qLm9Rt4Vw8Zb1N', 'https://loja.example/#access_token=abc',
    'https://ana:Segreto2025@loja.example/', 'https://loja.example/busca?q=plano', 'https://loja.example/p/AbCdEf123456GhIjKl7890',
    // Found only by looking into the link's query or fragment; the last one also ends where a link inside text would.
    'https://loja.example/pedido?sig=AbCdEf123456GhIjKl7890', 'https://loja.example/conta#Xy7kP2qLm9Rt4Vw8Zb1N', 'https://loja.example/a)?id=Xy7kP2qLm9Rt4Vw8Zb1N',
  ];

  it('gives the ticket each field’s own passes give, on generated tickets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ subject: text, message: text, errorMessage: text, name: text, query: text, suggested: fc.array(fc.constantFrom(...links), { maxLength: 3 }), pageUrl: fc.constantFrom(...links) }),
        async ({ subject, message, errorMessage, name, query, suggested, pageUrl }) => {
          const ticket: Ticket = {
            ...exampleTicket, subject, message, errorMessage,
            customer: { ...exampleTicket.customer, name },
            deflection: { query, suggested },
            client: { ...exampleTicket.client, pageUrl },
          };
          expect(await redactTicketFully(ticket)).toEqual(await fieldByField(ticket));
        },
      ),
      { numRuns: 400 },
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

  it('reads a link field that starts or ends with odd spaces, and keeps the spaces', async () => {
    const padded = await redactTicketFully({ ...exampleTicket, errorMessage: '\u00a0https://ana:Segreto2025@loja.example/ ', service: '\u3000https://loja.example/?password=hunter2' });
    expect(padded.redacted).toBe(true);
    expect(padded.ticket.errorMessage).toBe('\u00a0https://ana:REDACTED@loja.example/ ');
    expect(padded.ticket.service).toBe('\u3000https://loja.example/?password=REDACTED');
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

describe('secretlint runs only on text that could hold what its rules report', () => {
  const alnum = (n: number) => 'a1B2c3D4e5F6g7H8i9J0kLmN'.repeat(10).slice(0, n);
  const letters = (n: number) => 'aBcDeFgHiJkLmNoPqRsTuVwXyZ'.repeat(6).slice(0, n);
  const hex = (n: number) => '0a1b2c3d4e5f6789'.repeat(10).slice(0, n);
  const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${'q7Xv9LmZp3Rt8Wk2Ns5Jd4Hf6Gb1Yc0Ue'.repeat(4)}\n-----END RSA PRIVATE KEY-----`;
  /** One key per rule of the preset that can fire on a ticket's text, in a sentence a customer could write. */
  const examples: Record<string, string> = {
    '@secretlint/secretlint-rule-aws': `AWS_SECRET_ACCESS_KEY=${'aB3/'.repeat(9)}xY7z`,
    '@secretlint/secretlint-rule-npm': `o token é npm_${alnum(36)}`,
    '@secretlint/secretlint-rule-slack': 'o bot usa xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    '@secretlint/secretlint-rule-basicauth': 'clonei https://deploy:Xk29fLmq77@git.loja.com/repo.git',
    '@secretlint/secretlint-rule-openai': `chave sk-${alnum(20)}T3BlbkFJ${alnum(20)} aqui`,
    '@secretlint/secretlint-rule-anthropic': `chave sk-ant-api03-${alnum(93)}AA`,
    '@secretlint/secretlint-rule-groq': `chave gsk_${alnum(52)}`,
    '@secretlint/secretlint-rule-huggingface': `chave hf_${letters(34)}`,
    '@secretlint/secretlint-rule-linear': `chave lin_api_${alnum(40)}`,
    '@secretlint/secretlint-rule-notion': `chave ntn_12345678901${alnum(35)}`,
    '@secretlint/secretlint-rule-privatekey': pem,
    '@secretlint/secretlint-rule-sendgrid': `chave SG.${alnum(22)}.${alnum(43)}`,
    '@secretlint/secretlint-rule-shopify': `Shopify: ${shopifyToken}`,
    '@secretlint/secretlint-rule-stripe': `chave sk_live_${alnum(24)}`,
    '@secretlint/secretlint-rule-github': `token ghp_${alnum(36)}`,
    '@secretlint/secretlint-rule-gitlab': `token glpat-${alnum(20)}`,
    '@secretlint/secretlint-rule-grafana': `token glsa_${alnum(32)}_${hex(8)}`,
    '@secretlint/secretlint-rule-database-connection-string': 'DATABASE_URL=mongodb://admin:Pr0dSecret9@db.loja.com/app',
    '@secretlint/secretlint-rule-hashicorp-vault': `token hvs.${alnum(95)}`,
    '@secretlint/secretlint-rule-databricks': `token dapi${hex(32)}`,
    '@secretlint/secretlint-rule-docker': `token dckr_pat_${alnum(27)}`,
    '@secretlint/secretlint-rule-figma': `token figd_${alnum(40)}`,
    '@secretlint/secretlint-rule-vercel': `token vcp_${alnum(24)}`,
    '@secretlint/secretlint-rule-cloudflare': `token cfut_${alnum(40)}${hex(8)}`,
    '@secretlint/secretlint-rule-1password': `token ops_${Buffer.from(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: alnum(22) }, email: 'x@loja.com', srpX: hex(64), muk: { alg: 'A256GCM', ext: true, k: alnum(43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: 'A3-ABCDEF-GHIJKL-MNOPQ-RSTUV-WXYZ0-12345', throttleSecret: { seed: hex(64), deviceUuid: alnum(26) }, deviceUuid: alnum(26) })).toString('base64')}`,
    '@secretlint/secretlint-rule-tailscale': `chave tskey-auth-${alnum(12)}-${alnum(30)}`,
  };

  it('has a test for every rule of the preset, so a new rule in an update cannot be skipped unseen', () => {
    expect(Object.keys(secretlintRuleNeedles).sort()).toEqual(recommendedRules.rules.map((rule) => rule.meta.id).sort());
  });

  it.each(Object.entries(examples))('still removes what %s reports', async (rule, text) => {
    const lint = await lintSource({
      source: { content: text, filePath: 'ticket.txt', contentType: 'text' },
      options: { config: { rules: [{ id: rule, rule: recommendedRules.rules.find((r) => r.meta.id === rule)! }] }, noPhysicFilePath: true },
    });
    expect(lint.messages.map((m) => m.ruleId), 'the example is one the rule reports').toContain(rule);
    expect(secretlintRuleNeedles[rule]!.test(text)).toBe(true);
    const [start, end] = lint.messages[0]!.range;
    expect((await redactTextFully(text, 'pt-BR')).text).not.toContain(text.slice(start, end));
  });

  it('leaves nothing behind in the process: no performance entries pile up ticket after ticket', async () => {
    const before = performance.getEntries().length;
    for (let i = 0; i < 20; i++) await redactTextFully(examples['@secretlint/secretlint-rule-shopify']!, 'pt-BR');
    expect(performance.getEntries().length).toBe(before);
  });
});
