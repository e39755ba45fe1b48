import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import { ticketStatusAnswerSchema } from '../../../core/contract/ticket-status.ts';
import { loadConfig } from '../config.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { ticketRoutes } from './tickets.ts';
import { ticketScreener, type TicketScreener } from '../intake/ticket-screener.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The tickets API alone, at a fixed moment, with or without a confirmation e-mail configured. */
function api(at: string, confirmationEmail?: boolean, screener?: TicketScreener) {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-tickets-'));
  dirs.push(dir);
  const config = loadConfig({ DATA_DIR: dir, CONTENT_DIR: 'content', SITE_DIR: 'site/dist', MIN_FILL_SECONDS: '0', RATE_LIMIT: '1000' });
  const now = new Date(at);
  const store = openSqliteStore(':memory:');
  const routes = ticketRoutes({
    config, store, forwarders: [], clientHash: () => 'client', ticketSecret: Buffer.alloc(32, 3), now: () => now,
    ...(confirmationEmail === undefined ? {} : { confirmationEmail }),
    ...(screener ? { screener } : {}),
  });
  const app = new Hono().route('/api/tickets', routes);
  const send = async (overrides: Record<string, unknown> = {}) => {
    const ticket = { ...structuredClone(exampleTicket), priority: 'medium', high: undefined, client: { startedAt: new Date(now.getTime() - 60_000).toISOString() }, ...overrides };
    const response = await app.request('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(ticket) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const status = async (created: Record<string, unknown>) =>
    ticketStatusAnswerSchema.parse(await (await app.request(`/api/tickets/${String(created.number)}`, { headers: { Authorization: `Bearer ${String(created.token)}` } })).json());
  const stored = (created: Record<string, unknown>) => store.ticketByNumber(String(created.number));
  return { send, status, stored };
}

describe('what the 201 answer and the status answer tell the customer', () => {
  it('promises a confirmation e-mail only when one will be sent', async () => {
    expect((await api('2026-11-23T13:00:00Z', true).send()).body.confirmationEmail).toBe(true);
    expect((await api('2026-11-23T13:00:00Z', false).send()).body.confirmationEmail).toBe(false);
    // Nobody said: nothing is promised.
    expect((await api('2026-11-23T13:00:00Z').send()).body.confirmationEmail).toBe(false);
  });

  it('gives a Brazilian ticket sent on Saturday night no deadline, only Monday 09:00 as the next opening', async () => {
    const { send, status } = api('2026-11-15T01:10:00Z');
    const created = await send();
    expect(created.body.replyExpectation).toEqual({ kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' });
    expect(created.body).not.toHaveProperty('expectedReplyBy');
    expect(await status(created.body)).toMatchObject({ replyExpectation: { kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' }, timeZone: 'America/Sao_Paulo' });
  });

  it('gives an Italian technical ticket sent at 00:29 in Rome a date 7 days on, and a sales question no promise', async () => {
    // Wednesday 23:29 UTC is already Thursday 26 November in Rome.
    const { send, status } = api('2026-11-25T23:29:00Z');
    const technical = await send({ lang: 'it' });
    expect(technical.body.replyExpectation).toEqual({ kind: 'by-date', date: '2026-12-03', days: 7 });
    expect(await status(technical.body)).toMatchObject({ replyExpectation: { kind: 'by-date', date: '2026-12-03', days: 7 }, timeZone: 'Europe/Rome' });
    const sales = await send({ lang: 'it', department: 'sales', topic: 'plans', domain: undefined, panelUser: undefined, errorMessage: undefined });
    expect(sales.status).toBe(201);
    expect(sales.body.replyExpectation).toEqual({ kind: 'none' });
    expect((await status(sales.body)).replyExpectation).toEqual({ kind: 'none' });
  });
});

describe('tickets screened on the screening thread, as under load', () => {
  it('answers and keeps what screening on the request thread does: redacted, refused with localized errors', async () => {
    const screener = ticketScreener({ busyAt: 1 });
    try {
      const { send, stored } = api('2026-11-23T13:00:00Z', false, screener);
      await send();
      await vi.waitUntil(() => screener.threaded, { timeout: 10_000, interval: 10 });
      const withSecret = await send({ message: `${exampleTicket.message}\nsenha do painel: Padaria#2025` });
      expect(withSecret.status).toBe(201);
      expect(withSecret.body.redacted).toBe(true);
      expect((await stored(withSecret.body))?.ticket.message).toContain('senha do painel: [removido automaticamente]');
      const refused = await send({ customer: { name: 'Mariana', email: 'mariana@' } });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: 'customer.email', code: 'invalid-domain', message: 'A parte depois do “@” não é um domínio válido.' }]);
      expect(screener.counts).toEqual({ onThread: 2, handedBack: 0 });
    } finally {
      await screener.stop();
    }
  });
});
