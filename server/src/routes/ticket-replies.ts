/**
 * The customer's side of a ticket after Send, with the ticket's Bearer token (core/contract/ticket-reply.ts):
 * `POST /api/tickets/:number/replies` (JSON `{ message }` or multipart with a `reply` part and
 * `attachments` files, under an `Idempotency-Key`, with the ticket's redaction and caps) and
 * `POST /api/tickets/:number/close`. A wrong token gets the same 404 as a missing ticket.
 */
import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { ticketCloseSchema, ticketReplySchema, type TicketReplyAnswer } from '../../../core/contract/ticket-reply.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { waitingOnCustomer, type TicketStatus } from '../store/records.ts';
import { drain, problem, validationProblems } from '../http/problem.ts';
import { parseJson, readCapped } from '../http/json-body.ts';
import type { DiskAccess } from '../intake/disk-space.ts';
import { redactTextFully } from '../intake/redact.ts';
import { cleanAttachments } from '../intake/attachment-cleaning.ts';
import type { ClientHash } from './per-client-limit.ts';
import { checkFiles, describeFiles, idempotentIntake, storedFiles } from './intake-request.ts';
import { statusAnswer, ticketForBearer, type AfterSend } from './ticket-answer.ts';

export interface TicketReplyDeps {
  config: ServerConfig;
  store: Store;
  clientHash: ClientHash;
  afterSend: AfterSend;
  now?: (() => Date) | undefined;
  disk?: DiskAccess | undefined;
  /** Called after a reply or a close is committed (wakes the outbox so it reaches the helpdesk at once). */
  onReply?: (() => void) | undefined;
}

/** Replies per client per minute: more than a person types, fewer than a script floods a helpdesk with. */
export const replyLimitPerMinute = 10;

/** A close request is `{ note?, lang? }`: a few kilobytes at most. */
const maxCloseBytes = 16 * 1024;

/** The status after a customer's reply: back to support whenever support was waiting, or the ticket was closed. */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus {
  return status === 'closed' || waitingOnCustomer.includes(status) ? 'open' : status;
}

export function ticketReplyRoutes(deps: TicketReplyDeps): Hono {
  const { config, store, afterSend } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  const intake = idempotentIntake({ config, store, clientHash: deps.clientHash, now, disk: deps.disk }, { name: 'replies', perMinute: replyLimitPerMinute, jsonPart: 'reply' });

  /** The ticket of the request's number and token, or the 404 to answer (after reading the body, so the client gets it). */
  async function authorized(c: Context) {
    const ticket = await ticketForBearer(store, c.req.param('number') ?? '', c.req.header('Authorization'));
    if (ticket) return ticket;
    await drain(c.req.raw.body);
    return problem(404, 'not-found', matchLanguage(c.req.header('Accept-Language')));
  }

  app.post('/:number/replies', async (c) => {
    const ticket = await authorized(c);
    if (ticket instanceof Response) return ticket;
    // The same key on another ticket is another reply.
    return intake(c, (origin) => `${origin} reply ${ticket.number}`, async ({ raw, files, fingerprint, lang, scope, key, keepFiles }) => {
      const parsed = ticketReplySchema.safeParse(raw);
      if (!parsed.success) return problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) });
      const errors = await checkFiles(files, config, lang);
      if (errors.length) return problem(422, 'invalid', lang, { errors });
      const current = (await store.ticketById(ticket.id))?.status ?? ticket.status;
      // Where a helpdesk cannot reopen a ticket, a reply there would land nowhere anyone reads.
      if (current === 'closed' && !afterSend.canReopen) return problem(409, 'new-ticket-needed', lang);

      const ticketLang = ticket.ticket.lang;
      const filesRedacted = await cleanAttachments(files, ticketLang);
      const message = await redactTextFully(parsed.data.message, ticketLang);
      // A file's name is text the customer wrote too.
      const names = await Promise.all(describeFiles(files).map(async (f) => ({ ...f, ...(await redactTextFully(f.name, ticketLang)) })));
      const status = statusAfterCustomerReply(current);
      const at = now().toISOString();
      const answer: TicketReplyAnswer = {
        id: randomUUID(), at, status, reopened: current === 'closed', attachments: files.length,
        redacted: message.redacted || filesRedacted || names.some((n) => n.redacted),
      };
      const body = JSON.stringify(answer);
      const stored = await store.addTicketEvent({
        id: answer.id, ticketId: ticket.id, at, kind: 'customer-reply', by: 'customer', status, message: message.text, redacted: answer.redacted,
        attachments: storedFiles(names.map((n) => ({ name: n.text, type: n.type, size: n.size })), files), deliverTo: afterSend.replyForwarders,
        idempotency: { scope, key, fingerprint, status: 201, body },
      });
      // Deleted meanwhile (retention, a privacy request): as if it never existed.
      if (!stored) return problem(404, 'not-found', lang);
      keepFiles();
      deps.onReply?.();
      return new Response(body, { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
  });

  app.post('/:number/close', async (c) => {
    const ticket = await authorized(c);
    if (ticket instanceof Response) return ticket;
    let lang = matchLanguage(c.req.header('Accept-Language'));
    const text = await readCapped(c.req.raw, maxCloseBytes);
    if (text === undefined) return problem(413, 'too-large', lang);
    // No body at all is a close without a note.
    const json = text.trim() ? parseJson(text) : ({ ok: true, value: {} } as const);
    if (!json.ok) return problem(400, json.reason, lang);
    const parsed = ticketCloseSchema.safeParse(json.value);
    if (parsed.success && parsed.data.lang) lang = parsed.data.lang;
    if (!parsed.success) return problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) });
    // Closing a closed ticket changes nothing: the same answer, no second entry.
    if (ticket.status !== 'closed') {
      const note = parsed.data.note ? (await redactTextFully(parsed.data.note, ticket.ticket.lang)).text : undefined;
      await store.addTicketEvent({
        id: randomUUID(), ticketId: ticket.id, at: now().toISOString(), kind: 'status', by: 'customer', status: 'closed', ...(note ? { note } : {}),
        // The helpdesk closes its ticket too, or its next update would reopen this one.
        deliverTo: afterSend.closeForwarders,
      });
      deps.onReply?.();
    }
    const closed = await store.ticketById(ticket.id);
    if (!closed) return problem(404, 'not-found', lang);
    c.header('Cache-Control', 'no-store');
    return c.json(await statusAnswer(closed, { config, store, afterSend }));
  });

  return app;
}
