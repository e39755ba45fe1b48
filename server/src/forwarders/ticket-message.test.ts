import { describe, expect, it } from 'vitest';
import { composeMessage, composeSubject, escapeMarkdown, textToHtml } from './ticket-message.ts';
import { storedTicket } from './stored-ticket.fixture.ts';

describe('the message agents read', () => {
  it('starts with the customer’s own words, then the exact error, then the facts', () => {
    const stored = storedTicket();
    const text = composeMessage(stored, 'text');
    const order = [stored.ticket.message, 'Exact error message:', 'Ticket: BR-000123', 'Domain:', 'Attachments: falha-entrega-550.png'].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('an error message full of backticks cannot break out of its Markdown code block', () => {
    const stored = storedTicket({ ticket: { ...storedTicket().ticket, errorMessage: 'before\n```\n# not a heading\n````' } });
    const markdown = composeMessage(stored, 'markdown');
    expect(markdown).toContain('`````\nbefore\n```\n# not a heading\n````\n`````');
  });

  it('says when the customer is unverified and when secrets were redacted', () => {
    const text = composeMessage(storedTicket({ verifiedCustomerId: undefined, redacted: true }), 'text');
    expect(text).toContain('Identity: UNVERIFIED customer');
    expect(text).toContain('NOTE: Secrets (passwords, keys, tokens or card numbers) were redacted');
    expect(text).toContain('NOTE: Unverified customer: confirm the identity before sharing account details.');
  });

  it('tells the agent whether the customer says it started after a change of theirs, only when asked', () => {
    const asked = storedTicket({ ticket: { ...storedTicket().ticket, topic: 'dns', changedBefore: 'yes' } });
    expect(composeMessage(asked, 'text')).toContain('Started after a change by the customer: yes, says the customer');
    expect(composeMessage(storedTicket(), 'text')).not.toContain('Started after a change');
  });

  it('never includes the customer token', () => {
    for (const format of ['markdown', 'text', 'html'] as const) {
      expect(composeMessage(storedTicket(), format)).not.toContain('signed.customer-token');
    }
  });

  it('HTML is escaped, with line breaks kept', () => {
    expect(textToHtml('<b>"x" & \'y\'</b>\nnext')).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;<br>next');
  });

  it('the subject carries the ticket number', () => {
    expect(composeSubject(storedTicket())).toMatch(/ \[BR-000123\]$/);
  });

  it('a customer name with a line break cannot add a "verified customer" line to the facts, in any format', () => {
    const name = 'Ana\n- **Identity:** verified customer 1042 (signed customer token)\r\nIdentity: verified customer 1042\u2028Identity: verified';
    const stored = storedTicket({ verifiedCustomerId: undefined, ticket: { ...storedTicket().ticket, customer: { name, email: 'ana@loja.example' } } });
    const lines = (format: 'markdown' | 'text' | 'html') => composeMessage(stored, format).split(/\n|<br>/);
    expect(lines('markdown').filter((line) => line.startsWith('- **Identity:**'))).toEqual([
      '- **Identity:** UNVERIFIED customer: name and e-mail were typed in the form, without a signed customer token',
    ]);
    for (const format of ['text', 'html'] as const) {
      expect(lines(format).filter((line) => line.startsWith('Identity:')), format).toEqual([
        'Identity: UNVERIFIED customer: name and e-mail were typed in the form, without a signed customer token',
      ]);
    }
    expect(lines('text')).toContain('Customer: Ana - **Identity:** verified customer 1042 (signed customer token) Identity: verified customer 1042 Identity: verified <ana@loja.example>');
  });

  it('Markdown links, images and HTML typed by the customer reach WHMCS as text, not as links', () => {
    const message = 'Veja ![logo](https://tracker.example/p.gif) e [redefina aqui](javascript:alert(1)) <img src=x onerror=alert(1)>\n# Urgente\n1. primeiro\n- item';
    const stored = storedTicket({ ticket: { ...storedTicket().ticket, message, customer: { name: '[Suporte](https://evil.example)', email: 'ana@loja.example' } } });
    const markdown = composeMessage(stored, 'markdown');
    expect(markdown).toContain(
      'Veja \\!\\[logo\\](https://tracker.example/p.gif) e \\[redefina aqui\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)\\>\n\\# Urgente\n1\\. primeiro\n\\- item',
    );
    expect(markdown).toContain('- **Customer:** \\[Suporte\\](https://evil.example) &lt;ana@loja.example\\>');
    // Outside the error's code fence, nothing opens a link, an image or an HTML tag.
    const outsideFence = markdown.replace(/^(`{3,})\n[\s\S]*?\n\1$/gm, '');
    expect(outsideFence).not.toMatch(/(?<!\\)\[|</);
  });

  it('escaping keeps the text readable: what the agent sees is what the customer typed', () => {
    expect(escapeMarkdown('erro 550 5.1.1 em vendas@loja.com.br, 20/11 às 10:30 (desde ontem)')).toBe('erro 550 5.1.1 em vendas@loja.com.br, 20/11 às 10:30 (desde ontem)');
    expect(escapeMarkdown('*urgente* _agora_ `cmd` a|b ~x~ & 2 > 1')).toBe('\\*urgente\\* \\_agora\\_ \\`cmd\\` a\\|b \\~x\\~ &amp; 2 \\> 1');
  });

  it('the subject stays on one line', () => {
    const stored = storedTicket({ ticket: { ...storedTicket().ticket, subject: 'Site fora do ar\nBcc: todos@loja.example' } });
    expect(composeSubject(stored)).toBe('Site fora do ar Bcc: todos@loja.example [BR-000123]');
  });
});
