/**
 * The helpdesk the end-to-end server forwards to: the webhook stub (server/src/forwarders/webhook-stub.ts,
 * which checks each Standard Webhooks signature and takes each webhook-id once), plus
 * `GET /events`, every verified event so far (new tickets, customers' replies, closings), so a test can see
 * what reached the helpdesk.
 * playwright.config.ts starts it next to the server, which gets `WEBHOOK_URL` and `WEBHOOK_SECRET`.
 */
import { createServer } from 'node:http';
import { createWebhookStub } from '../../server/src/forwarders/webhook-stub.ts';

/** A fixed test secret: the server signs with it, the stub verifies with it, tests sign status updates with it. */
export const helpdeskSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

export const helpdeskPort = (e2ePort: number): number => e2ePort + 2;

if (import.meta.main) {
  const port = helpdeskPort(Number(process.env.E2E_PORT ?? 4329));
  const events: unknown[] = [];
  const keep = (event: unknown) => void events.push(event);
  const stub = createWebhookStub({ secret: helpdeskSecret, onEvent: keep, onReply: keep, onClose: keep, log: () => {} });
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/events') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return response.end(JSON.stringify(events));
    }
    stub.emit('request', request, response);
  });
  server.listen(port, '127.0.0.1');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}
