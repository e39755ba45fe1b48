/**
 * A tiny local webhook receiver for demos and tests: verifies Standard Webhooks signatures, processes
 * each webhook-id once, and logs every ticket number (new tickets, customers' replies, tickets closed).
 *
 *   WEBHOOK_SECRET=whsec_… node server/src/forwarders/webhook-stub.ts
 *
 * listens on http://127.0.0.1:4400 (WEBHOOK_STUB_PORT to change). Without WEBHOOK_SECRET it makes
 * one up and prints the variables to start the server with.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ticketClosedEvent, ticketCreatedEvent, ticketReplyEvent, type TicketClosedEvent, type TicketCreatedEvent, type TicketReplyEvent } from './webhook.ts';

export interface WebhookStubOptions {
  secret: string;
  /** Called once per new webhook-id with a verified `ticket.created` event. */
  onEvent?: (event: TicketCreatedEvent, webhookId: string) => void;
  /** Called once per new webhook-id with a verified `ticket.reply` event (a customer's reply). */
  onReply?: (event: TicketReplyEvent, webhookId: string) => void;
  /** Called once per new webhook-id with a verified `ticket.closed` event (closed by the customer, or automatically). */
  onClose?: (event: TicketClosedEvent, webhookId: string) => void;
  log?: (line: string) => void;
  /** Webhook ids remembered for de-duplication. Default 10,000. */
  remember?: number;
}

/** Largest body the stub reads; a ticket event is a few kilobytes. */
const maxBody = 1024 * 1024;

export function createWebhookStub(options: WebhookStubOptions): Server {
  const verifier = new Webhook(options.secret);
  const log = options.log ?? ((line: string) => console.log(`[webhook-stub] ${line}`));
  const remember = options.remember ?? 10_000;
  const seen = new Set<string>();

  return createServer((request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return reply(405, { error: 'POST webhooks here' });

    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > maxBody) return reply(413, { error: 'body too large' });
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      let event: TicketCreatedEvent | TicketReplyEvent | TicketClosedEvent;
      try {
        event = verifier.verify(body, headers) as typeof event;
      } catch (error) {
        log(`rejected: ${error instanceof Error ? error.message : String(error)}`);
        return reply(401, { error: 'invalid signature' });
      }
      const id = headers['webhook-id'] ?? '';
      const number = event.type === ticketCreatedEvent ? event.data?.number : event.data?.ticket?.number;
      if (seen.has(id)) {
        log(`duplicate ${id} ignored (ticket ${number})`);
        return reply(200, { received: true, duplicate: true });
      }
      seen.add(id);
      // Forget the oldest ids first; a Set iterates in insertion order.
      if (seen.size > remember) seen.delete(seen.values().next().value ?? '');
      if (event.type === ticketReplyEvent) {
        log(`${event.type} ${number} (${id}): ${event.data?.reply?.attachments?.length ?? 0} files, ${event.data?.reply?.message?.slice(0, 60) ?? ''}`);
        options.onReply?.(event, id);
      } else if (event.type === ticketClosedEvent) {
        log(`${event.type} ${number} (${id}): by ${event.data?.close?.reason ?? '?'}`);
        options.onClose?.(event, id);
      } else {
        log(`${event.type} ${number} (${id}): ${event.data?.ticket?.subject ?? ''}`);
        options.onEvent?.(event, id);
      }
      return reply(200, { received: true, duplicate: false });
    });
  });
}

if (import.meta.main) {
  const port = Number(process.env.WEBHOOK_STUB_PORT ?? 4400);
  const secret = process.env.WEBHOOK_SECRET || `whsec_${randomBytes(32).toString('base64')}`;
  const stub = createWebhookStub({ secret });
  stub.listen(port, '127.0.0.1', () => {
    console.log(`[webhook-stub] listening on http://127.0.0.1:${port}/`);
    if (!process.env.WEBHOOK_SECRET) {
      console.log(`[webhook-stub] no WEBHOOK_SECRET given; start the server with:\n  WEBHOOK_URL=http://127.0.0.1:${port}/ WEBHOOK_SECRET=${secret} npm start`);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stub.close(() => process.exit(0)));
}
