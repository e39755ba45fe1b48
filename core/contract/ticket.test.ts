import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { exampleTicket } from './ticket.example.ts';
import { limits } from './limits.ts';
import { searchEventSchema } from './search-event.ts';
import { ticketJsonSchema, ticketSchema, type Ticket } from './ticket.ts';

const issues = (ticket: unknown) => {
  const result = z.safeParse(ticketSchema, ticket);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const issuePaths = (ticket: unknown) => issues(ticket).map((i) => i.split(':')[0]);
const withChanges = (changes: Partial<Ticket>): unknown => ({ ...exampleTicket, ...changes });

describe('ticket contract', () => {
  it('accepts the published example ticket', () => {
    expect(issues(exampleTicket)).toEqual([]);
  });

  it('produces a JSON Schema for backends in other languages', () => {
    const schema = ticketJsonSchema();
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['lang', 'department', 'priority', 'subject', 'message', 'customer', 'client']));
    expect(Object.keys(schema.properties ?? {})).toContain('attachments');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    // The rule zod checks with a refinement is spelled out for other validators.
    expect(schema.then).toEqual({ required: ['high'] });
  });

  it('asks for the service-down confirmation with high priority, and only then', () => {
    const { high: _high, ...withoutHigh } = exampleTicket;
    expect(issuePaths(withoutHigh)).toEqual(['high']);
    expect(issuePaths(withChanges({ priority: 'medium' }))).toEqual(['high']);
    expect(issues({ ...withoutHigh, priority: 'medium' })).toEqual([]);
    expect(issuePaths(withChanges({ high: { serviceDown: false as true, reason: 'Site fora do ar' } }))).toEqual(['high.serviceDown']);
  });

  it('rejects a domain that is a URL or invalid, and accepts international domains and IPs', () => {
    expect(issuePaths(withChanges({ domain: 'https://loja.com.br/' }))).toEqual(['domain']);
    expect(issuePaths(withChanges({ domain: 'loja_nova.com.br' }))).toEqual(['domain']);
    expect(issues(withChanges({ domain: 'pão.com.br' }))).toEqual([]);
    expect(issues(withChanges({ domain: '203.0.113.7' }))).toEqual([]);
  });

  it('accepts an e-mail address with an international domain', () => {
    expect(issues(withChanges({ customer: { name: 'João', email: 'joao@pão.com.br' } }))).toEqual([]);
    expect(issuePaths(withChanges({ customer: { name: 'João', email: 'joao@pao' } }))).toEqual(['customer.email']);
  });

  it('refuses links an agent could be tricked into running: only http(s) page and article URLs', () => {
    const client = { ...exampleTicket.client, pageUrl: 'javascript:alert(document.cookie)' };
    expect(issuePaths(withChanges({ client }))).toEqual(['client.pageUrl']);
    const suggested = ['https://ajuda.nuvolo.example/pt-br/email/', 'data:text/html,<script>alert(1)</script>'];
    expect(issuePaths(withChanges({ deflection: { query: 'erro 550', suggested } }))).toEqual(['deflection.suggested.1']);
    expect(issues(withChanges({ client: { ...exampleTicket.client, pageUrl: 'http://localhost:4321/demo/' } }))).toEqual([]);
  });

  it('says in the published JSON Schema that page and article links are http(s) only', () => {
    type Node = { properties?: Record<string, Node>; items?: Node; pattern?: string };
    const schema = ticketJsonSchema() as Node;
    const pageUrl = schema.properties?.client?.properties?.pageUrl;
    expect(schema.properties?.deflection?.properties?.suggested?.items).toEqual(pageUrl);
    expect(pageUrl).toMatchObject({ format: 'uri', pattern: expect.any(String) });
    const pattern = new RegExp(pageUrl?.pattern ?? '');
    expect(['https://a.example/', 'HTTP://a.example/'].map((u) => pattern.test(u))).toEqual([true, true]);
    expect(['javascript:alert(1)', 'data:text/html,x', 'ftp://a.example/'].map((u) => pattern.test(u))).toEqual([false, false, false]);
  });

  it('refuses a search event whose article is not an http(s) link', () => {
    const event = { type: 'deflected', query: 'erro 550', lang: 'pt-BR' };
    expect(z.safeParse(searchEventSchema, { ...event, article: 'javascript:alert(1)' }).success).toBe(false);
    expect(z.safeParse(searchEventSchema, { ...event, article: 'https://ajuda.nuvolo.example/pt-br/email/' }).success).toBe(true);
    expect((z.toJSONSchema(searchEventSchema) as { properties?: Record<string, unknown> }).properties?.article).toMatchObject({ format: 'uri', pattern: expect.stringMatching(/^\^/) });
  });

  it('rejects a ticket whose honeypot was filled in', () => {
    expect(issuePaths(withChanges({ website: 'http://spam.example' }))).toEqual(['website']);
    expect(issues(withChanges({ website: '' }))).toEqual([]);
  });

  it('enforces the lengths the form shows', () => {
    expect(issuePaths(withChanges({ subject: '  curto  ' }))).toEqual(['subject']);
    expect(issuePaths(withChanges({ message: 'curta demais' }))).toEqual(['message']);
    expect(issuePaths(withChanges({ deflection: { query: 'x', suggested: Array(6).fill('https://a.example/') } }))).toEqual([
      'deflection.suggested',
    ]);
  });

  it("refuses what the widget's validators refuse, with their error keys and limits", () => {
    const keys = (ticket: unknown) => {
      const result = z.safeParse(ticketSchema, ticket);
      return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), key: i.message, params: (i as { params?: object }).params }));
    };
    expect(keys(withChanges({ subject: 'SITE FORA DO AR DESDE ONTEM' }))).toEqual([{ path: 'subject', key: 'subject.all-caps', params: undefined }]);
    expect(keys(withChanges({ subject: 'Ajuda urgente por favor' }))).toEqual([{ path: 'subject', key: 'subject.generic', params: undefined }]);
    // Thirty characters, but not thirty that say anything.
    expect(keys(withChanges({ message: 'socorro!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' }))).toEqual([
      { path: 'message', key: 'message.too-short', params: { min: limits.message.min, length: 8 } },
    ]);
    expect(keys(withChanges({ high: { serviceDown: true, reason: 'ai' } }))).toEqual([
      { path: 'high.reason', key: 'high.reason', params: { min: limits.highReason.min, max: limits.highReason.max } },
    ]);
    expect(keys(withChanges({ domain: 'loja_nova.com.br' }))).toEqual([{ path: 'domain', key: 'domain.underscore', params: undefined }]);
  });
});
