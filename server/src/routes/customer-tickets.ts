/**
 * A signed-in customer's tickets, for the widget above its form, with `Authorization: Bearer
 * <customer-token>` (the host's signed token: intake/customer-token.ts): `GET /api/customer/tickets`,
 * their open tickets, and `POST /api/customer/tickets/duplicates`, the open ones a new ticket would
 * repeat (same department, a similar subject, as core/validation/duplicates.ts measures it). Only
 * tickets sent with a verified token of the same customer id are theirs.
 */
import { Hono, type Context } from 'hono';
import { duplicateCheckSchema, type CustomerTicket, type CustomerTicketsAnswer, type DuplicateCheckAnswer } from '../../../core/contract/ticket-reply.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';
import { duplicateSimilarity, similarity } from '../../../core/validation/duplicates.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import type { StoredTicket } from '../store/records.ts';
import { drain, problem, validationProblems } from '../http/problem.ts';
import { parseJson, readCapped } from '../http/json-body.ts';
import { verifyCustomerToken } from '../intake/customer-token.ts';
import { ticketToken } from '../intake/ticket-token.ts';
import { perClientLimit, type ClientHash } from './per-client-limit.ts';

export interface CustomerTicketDeps {
  config: ServerConfig;
  store: Store;
  clientHash: ClientHash;
  /** Derives each ticket's read token, for its status link. */
  ticketSecret: Buffer;
  /** The status page's address for a ticket, with its token (forwarding.ts's statusUrl). */
  statusUrl: (number: string, token: string, lang: StoredTicket['ticket']['lang']) => string;
  now?: (() => Date) | undefined;
}

/** More open tickets than anyone keeps; the widget shows a few. */
const listLimit = 50;
/** Lookups per client per minute: the widget asks once per page and once per subject it checks. */
const lookupsPerMinute = 60;
const maxCheckBytes = 64 * 1024;

export function customerTicketRoutes(deps: CustomerTicketDeps): Hono {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  app.use('*', perClientLimit(lookupsPerMinute, deps.clientHash));

  /** The customer id the request's token proves, or the 401 to answer. */
  async function customer(c: Context): Promise<string | Response> {
    const token = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]?.trim() ?? '';
    const claims = token && config.customerTokenSecret ? verifyCustomerToken(token, config.customerTokenSecret, now().getTime()) : null;
    if (claims) return claims.sub;
    await drain(c.req.raw.body);
    return problem(401, 'customer-token', matchLanguage(c.req.header('Accept-Language')), { headers: { 'WWW-Authenticate': 'Bearer' } });
  }

  const listed = (t: StoredTicket): CustomerTicket => ({
    number: t.number,
    subject: t.ticket.subject,
    department: t.ticket.department,
    status: t.status,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt,
    statusUrl: deps.statusUrl(t.number, ticketToken(deps.ticketSecret, t.id), t.ticket.lang),
  });

  app.get('/', async (c) => {
    const id = await customer(c);
    if (id instanceof Response) return id;
    c.header('Cache-Control', 'no-store');
    const answer: CustomerTicketsAnswer = { tickets: (await store.customerTickets(id, { limit: listLimit })).map(listed) };
    return c.json(answer);
  });

  app.post('/duplicates', async (c) => {
    const id = await customer(c);
    if (id instanceof Response) return id;
    const lang = matchLanguage(c.req.header('Accept-Language'));
    const text = await readCapped(c.req.raw, maxCheckBytes);
    if (text === undefined) return problem(413, 'too-large', lang);
    const json = parseJson(text);
    if (!json.ok) return problem(400, json.reason, lang);
    const parsed = duplicateCheckSchema.safeParse(json.value);
    if (!parsed.success) return problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) });
    const { subject, department } = parsed.data;
    const open = await store.customerTickets(id, { department, limit: listLimit });
    const scored = open.map((t) => ({ t, score: similarity(t.ticket.subject, subject) })).filter((s) => s.score >= duplicateSimilarity);
    c.header('Cache-Control', 'no-store');
    const answer: DuplicateCheckAnswer = { duplicates: scored.sort((a, b) => b.score - a.score).map((s) => listed(s.t)) };
    return c.json(answer);
  });

  return app;
}
