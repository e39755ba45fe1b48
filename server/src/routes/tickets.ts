/**
 * `POST /api/tickets` (JSON or multipart, idempotent) and `GET /api/tickets/:number` (with the
 * ticket's secret token). Every client mistake gets a problem+json 4xx; nothing a client sends can
 * cause a 5xx.
 */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { limits } from '../../../core/contract/limits.ts';
import { replyExpectation } from '../../../core/hours/business-hours.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { timeOrderedId } from '../store/ticket-id.ts';
import { readReplyExpectation, storedReplyExpectation, type StoredTicket } from '../store/records.ts';
import { fieldProblem, problem, validationProblems, type FieldProblem } from '../http/problem.ts';
import { apiAnswer } from '../http/answer-headers.ts';
import type { DiskAccess } from '../intake/disk-space.ts';
import { ticketScreener, type TicketScreener } from '../intake/ticket-screener.ts';
import { keptTicket } from '../intake/ticket-screening.ts';
import { cleanAttachments } from '../intake/attachment-cleaning.ts';
import { verifyCustomerToken } from '../intake/customer-token.ts';
import type { ClientHash } from './per-client-limit.ts';
import { ticketToken } from '../intake/ticket-token.ts';
import { matchLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import { checkFiles, describeFiles, idempotentIntake, storedFiles } from './intake-request.ts';
import { standaloneAfterSend, statusAnswer, ticketForBearer, type AfterSend } from './ticket-answer.ts';

export interface TicketRouteDeps {
  config: ServerConfig;
  store: Store;
  /** Names of the configured forwarders: one outbox delivery each. */
  forwarders: string[];
  /** Whether the customer gets a confirmation e-mail (see forwarding.ts); the 201 answer says so. */
  confirmationEmail?: boolean;
  /** The salted hash of the calling client (see intake/client.ts), and where limits count; `env` is the adapter's (the Node socket). */
  clientHash: ClientHash;
  /** Derives each ticket's read token (see intake/ticket-token.ts). */
  ticketSecret: Buffer;
  now?: () => Date;
  /** Called after a ticket is committed (wakes the outbox so it goes out at once). */
  onCreated?: () => void;
  /** Where uploads are written and how much room is left (tests fill the disk). */
  disk?: DiskAccess;
  /** What the configured helpdesks allow after Send (the status answer's actions); default: no helpdesk. */
  afterSend?: AfterSend;
  /** Where tickets are screened (contract and redaction); default: on a thread of its own under load. */
  screener?: TicketScreener;
}

/**
 * A form started longer ago than this was not filled by a person in one sitting: a bot that sends
 * `startedAt: 1970` to pass the fill-time check. A week leaves room for a tab left open.
 */
export const maxFormAgeMs = 7 * 24 * 60 * 60 * 1000;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function ticketRoutes(deps: TicketRouteDeps): Hono {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  const screener = deps.screener ?? ticketScreener();
  const intake = idempotentIntake({ config, store, clientHash: deps.clientHash, now, disk: deps.disk }, { name: 'tickets', perMinute: config.rateLimit, jsonPart: 'ticket' });

  app.post('/', (c) =>
    // Keys are scoped by the page's origin: two sites' widgets never share one.
    intake(c, (origin) => origin, async ({ raw, files, fingerprint, lang, client, scope, key, replay, keepFiles }) => {
      // Before the contract, whose error for a filled honeypot would name the field.
      if (trippedBotTrap(raw, config, now())) return problem(422, 'invalid', lang, { errors: [fieldProblem('(body)', 'refused', lang)] });
      // The identity a signed customer token vouches for, read before the contract, which only bounds
      // the token's length (a longer one fails it below, and is not verified).
      const token = (raw as { customer?: { token?: unknown } } | null)?.customer?.token;
      const claims =
        typeof token === 'string' && token && token.length <= limits.customerToken.max && config.customerTokenSecret
          ? verifyCustomerToken(token, config.customerTokenSecret, now().getTime())
          : null;
      // The contract, then (without files) the secrets' removal: on a thread of its own under load.
      // A ticket the department check refuses below was redacted for nothing, which only costs time.
      const screened = await screener.screen({ raw, claims, attachments: files.length ? null : [] });
      if (!screened.ok) return problem(422, 'invalid', lang, { errors: validationProblems(screened.issues, lang) });
      const { ticket } = screened;
      const errors = [...checkDepartment(ticket, config, lang), ...(await checkFiles(files, config, lang))];
      // Metadata describes the multipart file parts; a JSON body carries no files, so its metadata is moot.
      if (files.length && ticket.attachments && ticket.attachments.length !== files.length) errors.push(fieldProblem('attachments', 'attachments-mismatch', lang));
      if (errors.length) return problem(422, 'invalid', lang, { errors });
      // Photos lose their location, text logs their secrets, every file an honest name, before anything is kept.
      const attachmentsRedacted = await cleanAttachments(files, ticket.lang);
      // With files, their checked types and cleaned names go into the redaction, here.
      const { ticket: clean, redacted } = screened.kept ?? (await keptTicket(ticket, claims, describeFiles(files)));
      const market = marketFor(config.support, ticket.lang);
      const createdAt = now();
      const id = timeOrderedId(createdAt.getTime());
      const secret = ticketToken(deps.ticketSecret, id);
      const created = await store.createTicket({
        id,
        numberPrefix: market.ticketPrefix,
        tokenHash: sha256(secret),
        createdAt: createdAt.toISOString(),
        expectedReplyBy: storedReplyExpectation(replyExpectation(market, ticket.department, createdAt)),
        ticket: clean,
        redacted: redacted || attachmentsRedacted,
        ...(claims ? { verifiedCustomerId: claims.sub } : {}),
        clientHash: client,
        attachments: storedFiles(clean.attachments ?? [], files),
        forwarders: deps.forwarders,
        idempotency: { scope, key, fingerprint },
        respond: (stored: StoredTicket) => ({
          status: 201,
          body: JSON.stringify({
            id: stored.id, number: stored.number, token: secret, status: stored.status, createdAt: stored.createdAt,
            replyExpectation: readReplyExpectation(stored.expectedReplyBy, market.firstReply, market.timeZone, stored.createdAt),
            confirmationEmail: deps.confirmationEmail ?? false, redacted: stored.redacted, verified: Boolean(stored.verifiedCustomerId),
          }),
        }),
      }).then((done) => done, async (error: unknown) => {
        // The unique key refused a second ticket for it (two instances past their claims at once, as
        // after a lapsed lease): the first one's answer is this request's answer too.
        const answer = await replay().catch(() => undefined);
        if (answer) return answer;
        throw error;
      });
      if (created instanceof Response) return created;
      const { response, ticket: stored } = created;
      keepFiles();
      deps.onCreated?.();
      return apiAnswer(c, response.body, response.status, { 'Content-Type': 'application/json', Location: `/api/tickets/${stored.number}` });
    }),
  );

  app.get('/:number', async (c) => {
    const lang = matchLanguage(c.req.header('Accept-Language'));
    const ticket = await ticketForBearer(store, c.req.param('number'), c.req.header('Authorization'));
    // A wrong token and a missing ticket look the same: nobody can probe which numbers exist.
    if (!ticket) return problem(404, 'not-found', lang);
    c.header('Cache-Control', 'no-store'); // a private answer: no cache may keep it
    return c.json(await statusAnswer(ticket, { config, store, afterSend: deps.afterSend ?? standaloneAfterSend }));
  });

  return app;
}

/**
 * Bot traps: a filled honeypot, a form sent faster than a person types, or one started implausibly
 * long ago. Every trap gets the same answer about the whole form, so a bot learns nothing about
 * which one it hit. A malformed startedAt is left to the contract's own error.
 */
function trippedBotTrap(raw: unknown, config: ServerConfig, now: Date): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const { website, client } = raw as { website?: unknown; client?: unknown };
  if (website !== undefined && website !== '') return true;
  const startedAt = client && typeof client === 'object' ? (client as { startedAt?: unknown }).startedAt : undefined;
  const filledFor = now.getTime() - (typeof startedAt === 'string' ? Date.parse(startedAt) : NaN);
  return Number.isFinite(filledFor) && !(filledFor >= config.minFillSeconds * 1000 && filledFor <= maxFormAgeMs);
}

/** What the contract cannot check: the operator's departments and topics. */
function checkDepartment(ticket: Ticket, config: ServerConfig, lang: UiLanguage): FieldProblem[] {
  const department = config.support.departments.find((d) => d.key === ticket.department);
  if (!department) return [fieldProblem('department', 'department', lang)];
  if (ticket.topic && !department.topics.some((t) => t.key === ticket.topic)) return [fieldProblem('topic', 'topic', lang)];
  return [];
}
