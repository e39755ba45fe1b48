/**
 * Updates coming back from a helpdesk: the generic signed endpoint any helpdesk can call,
 * `POST /api/tickets/:number/status` (core/contract/status-update.ts, signed with Standard Webhooks
 * and WEBHOOK_SECRET), and each adapter's own, `POST /api/helpdesks/:name/webhook`, which the
 * adapter authenticates and turns into the same updates. Updates are applied once per id, in the
 * helpdesk's time order (the store sees to both); a replayed webhook-id changes nothing.
 */
import { Hono, type Context } from 'hono';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { statusUpdateSchema, type StatusUpdate } from '../../../core/contract/status-update.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';
import type { Store, UpdateOutcome } from '../store/store.ts';
import type { StoredTicket } from '../store/records.ts';
import { problem, validationProblems } from '../http/problem.ts';
import { parseJson, readCapped } from '../http/json-body.ts';
import { inboundForwarder, type Forwarder } from '../forwarders/forwarder.ts';
import type { AfterSend } from './ticket-answer.ts';

export interface TicketUpdateDeps {
  store: Store;
  afterSend: AfterSend;
  /** Every configured forwarder: the adapters' inbound webhooks. */
  forwarders: readonly Forwarder[];
  /** `whsec_…`: signs the generic endpoint's calls; unset, the endpoint answers 404. */
  webhookSecret?: string | undefined;
  now?: (() => Date) | undefined;
  fetch?: typeof fetch | undefined;
  /** Called after an update was applied (wakes the outbox: the customer's e-mail). */
  onUpdate?: (() => void) | undefined;
}

/** An update with a long agent reply and note, in JSON: well under this. */
const maxUpdateBytes = 256 * 1024;

/** Applies a helpdesk's updates to a ticket in order; says what became of each. */
export async function applyUpdates(store: Store, ticket: StoredTicket, source: string, updates: readonly StatusUpdate[], afterSend: AfterSend): Promise<UpdateOutcome[]> {
  const outcomes: UpdateOutcome[] = [];
  for (const update of updates) {
    // Adapters drop reply text where their helpdesk does not allow it shown; the generic sender decides for itself.
    outcomes.push(await store.applyStatusUpdate({ ticketId: ticket.id, source, update, showReplyText: true, deliverTo: afterSend.customerMail }));
  }
  return outcomes;
}

export function ticketUpdateRoutes(deps: TicketUpdateDeps): { tickets: Hono; helpdesks: Hono } {
  const { store, afterSend } = deps;
  const now = deps.now ?? (() => new Date());
  const tickets = new Hono();
  const helpdesks = new Hono();
  const lang = (c: Context) => matchLanguage(c.req.header('Accept-Language'));
  let verifier: Webhook | undefined;
  try {
    verifier = deps.webhookSecret ? new Webhook(deps.webhookSecret) : undefined;
  } catch {
    // config.ts checks the secret's form; one it let through but the library refuses turns the endpoint off.
    verifier = undefined;
  }

  tickets.post('/:number/status', async (c) => {
    const body = await readCapped(c.req.raw, maxUpdateBytes);
    if (!verifier) return problem(404, 'not-found', lang(c));
    if (body === undefined) return problem(413, 'too-large', lang(c));
    const headers = { 'webhook-id': c.req.header('webhook-id') ?? '', 'webhook-timestamp': c.req.header('webhook-timestamp') ?? '', 'webhook-signature': c.req.header('webhook-signature') ?? '' };
    try {
      verifier.verify(body, headers, { jsonParse: false });
    } catch (error) {
      const stale = error instanceof WebhookVerificationError && /timestamp too (old|new)/.test(error.message);
      return problem(401, stale ? 'stale-signature' : 'bad-signature', lang(c));
    }
    const json = parseJson(body);
    if (!json.ok) return problem(400, json.reason, lang(c));
    const parsed = statusUpdateSchema.safeParse(json.value);
    if (!parsed.success) return problem(422, 'invalid', lang(c), { errors: validationProblems(parsed.error.issues, lang(c)) });
    // Signed, but no customer's: the number is checked only after the signature, so nobody can probe numbers.
    const ticket = await store.ticketByNumber(c.req.param('number'));
    if (!ticket) return problem(404, 'not-found', lang(c));
    // A replayed webhook-id (the sender's retry of a call we answered, or a captured one) is applied once:
    // 200 so an honest sender stops retrying.
    if (!(await store.spendFormToken(`webhook:${headers['webhook-id']}`, now()))) return c.json({ outcome: 'duplicate' satisfies UpdateOutcome });
    const [outcome] = await applyUpdates(store, ticket, 'webhook', [parsed.data], afterSend);
    if (outcome === 'applied') deps.onUpdate?.();
    if (outcome === 'no-ticket') return problem(404, 'not-found', lang(c));
    return c.json({ outcome });
  });

  helpdesks.post('/:name/webhook', async (c) => {
    const forwarder = inboundForwarder(deps.forwarders, c.req.param('name'));
    const body = await readCapped(c.req.raw, maxUpdateBytes);
    if (!forwarder) return problem(404, 'not-found', lang(c));
    if (body === undefined) return problem(413, 'too-large', lang(c));
    const outcome = await forwarder.inbound.receive(c.req.raw, body, { now: now(), fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)) });
    if (outcome.kind === 'refused') return problem(outcome.status, outcome.status === 401 ? 'bad-signature' : 'bad-request', lang(c), { detail: outcome.reason });
    if (outcome.kind === 'unavailable') return problem(503, 'helpdesk-unavailable', lang(c), { headers: { 'Retry-After': '60' } });
    if (outcome.kind === 'ignored') return c.json({ outcome: 'ignored', reason: outcome.reason });
    const { number, externalId } = outcome.ticketRef;
    const ticket = (number ? await store.ticketByNumber(number) : undefined) ?? (externalId ? await store.ticketByExternalId(forwarder.name, externalId) : undefined);
    // A helpdesk ticket support-kit did not open: nothing to update, and nothing to retry.
    if (!ticket) return problem(404, 'not-found', lang(c));
    const outcomes = await applyUpdates(store, ticket, forwarder.name, outcome.updates, afterSend);
    if (outcomes.includes('applied')) deps.onUpdate?.();
    return c.json({ outcomes });
  });

  return { tickets, helpdesks };
}
