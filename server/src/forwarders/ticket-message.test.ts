import { describe, expect, it } from 'vitest';
import { composeMessage, composeSubject, textToHtml } from './ticket-message.ts';
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
});
