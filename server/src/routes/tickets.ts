/**
 * `POST /api/tickets` (JSON or multipart, idempotent) and `GET /api/tickets/:number` (with the
 * ticket's secret token). Every client mistake gets a problem+json 4xx; nothing a client sends can
 * cause a 5xx.
 */
import { Hono } from 'hono';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ticketSchema, type Ticket } from '../../../core/contract/ticket.ts';
import type { TicketStatusAnswer } from '../../../core/contract/ticket-status.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { replyExpectation } from '../../../core/hours/business-hours.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { readReplyExpectation, storedReplyExpectation, type StoredTicket } from '../store/records.ts';
import { drain, fieldProblem, problem, validationProblems, type FieldProblem } from '../http/problem.ts';
import { BodyAbortedError, parseJson, readCapped } from '../http/json-body.ts';
import { IntakeError, maxMultipartBytes, maxTicketJsonBytes, parseMultipart, type UploadedFile } from '../intake/multipart.ts';
import { diskAccess, outOfSpace, type DiskAccess } from '../intake/disk-space.ts';
import { sanitizeFileName, sniffType } from '../intake/attachment-type.ts';
import { redactTicketFully } from '../intake/redact.ts';
import { cleanAttachments } from '../intake/attachment-cleaning.ts';
import { verifyCustomerToken } from '../intake/customer-token.ts';
import { createRateLimiter } from '../intake/client.ts';
import type { ClientHash } from './per-client-limit.ts';
import { ticketToken } from '../intake/ticket-token.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';

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
}

/**
 * A form started longer ago than this was not filled by a person in one sitting: a bot that sends
 * `startedAt: 1970` to pass the fill-time check. A week leaves room for a tab left open.
 */
export const maxFormAgeMs = 7 * 24 * 60 * 60 * 1000;

/**
 * How long a claim on an idempotency key lasts at most: longer than any request may take (a 20 MB
 * upload on a slow line), and a claim of an instance that died is taken over at once anyway.
 */
const claimLeaseMs = 10 * 60 * 1000;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function ticketRoutes(deps: TicketRouteDeps): Hono {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  const inFlight = new Set<string>();
  // In the database when several instances share it: a client gets the limit once, not once per instance.
  const limiter = createRateLimiter(config.rateLimit, { name: 'tickets', counter: deps.clientHash.sharedCounter });
  const disk = deps.disk ?? diskAccess;
  /** Once a minute at most: a full disk refuses every ticket, and one line says why. */
  let lastFullDiskLog = -Infinity;
  const uploads = path.join(config.dataDir, 'attachments');
  const policy = config.support.attachments;

  app.post('/', async (c) => {
    const request = c.req.raw;
    let lang = matchLanguage(c.req.header('Accept-Language'));
    const client = deps.clientHash(request, c.env);
    const limited = await limiter.check(client);
    if (!limited.ok) {
      await drain(request.body);
      return problem(429, 'rate-limited', lang, { headers: { 'Retry-After': String(limited.retryAfterSeconds) } });
    }
    const key = c.req.header('Idempotency-Key')?.trim();
    if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      await drain(request.body);
      return problem(400, 'missing-key', lang);
    }
    const scope = c.req.header('Origin') ?? 'none';
    const flightKey = `${scope}\n${key}`;
    if (inFlight.has(flightKey)) {
      await drain(request.body);
      return problem(409, 'in-flight', lang, { headers: { 'Retry-After': '1' } });
    }
    inFlight.add(flightKey);
    // The store's claim keeps the same key out of every other instance meanwhile (409, retried).
    let claim: string | undefined;
    try {
      claim = await store.claimIdempotencyKey(scope, key, now(), claimLeaseMs);
    } catch (error) {
      inFlight.delete(flightKey);
      throw error;
    }
    if (!claim) {
      inFlight.delete(flightKey);
      await drain(request.body);
      return problem(409, 'in-flight', lang, { headers: { 'Retry-After': '1' } });
    }
    let files: UploadedFile[] = [];
    let keepFiles = false;
    try {
      const contentType = c.req.header('Content-Type') ?? '';
      const length = Number(c.req.header('Content-Length') ?? NaN);
      let ticketJson: string;
      if (/^application\/json\b/i.test(contentType)) {
        if (length > maxTicketJsonBytes) {
          await drain(request.body);
          return problem(413, 'too-large', lang);
        }
        const text = await readCapped(request.body, maxTicketJsonBytes);
        if (text === undefined) return problem(413, 'too-large', lang);
        ticketJson = text;
      } else if (/^multipart\/form-data\b/i.test(contentType)) {
        if (length > maxMultipartBytes(policy)) {
          await drain(request.body);
          return problem(413, 'too-large', lang);
        }
        await mkdir(uploads, { recursive: true });
        const parsed = await parseMultipart(request.body ?? new ReadableStream(), contentType, uploads, policy, disk);
        files = parsed.files;
        ticketJson = parsed.ticketJson;
      } else {
        await drain(request.body);
        return problem(415, 'unsupported-type', lang);
      }

      const json = parseJson(ticketJson);
      if (!json.ok) return problem(400, json.reason, lang);
      const raw = json.value;
      // Only a string names a language: String({ toString: 1 }) throws.
      if (raw && typeof raw === 'object' && 'lang' in raw && typeof raw.lang === 'string') lang = matchLanguage(raw.lang);
      const fingerprint = sha256(JSON.stringify(raw) + files.map((f) => f.sha256).join(','));
      const replay = async () => {
        const previous = await store.idempotent(scope, key);
        if (!previous) return undefined;
        if (previous.fingerprint !== fingerprint) return problem(422, 'key-reused', lang);
        return new Response(previous.body, { status: previous.status, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' } });
      };
      const previous = await replay();
      if (previous) return previous;

      // Before the contract, whose error for a filled honeypot would name the field.
      if (trippedBotTrap(raw, config, now())) return problem(422, 'invalid', lang, { errors: [fieldProblem('(body)', 'refused', lang)] });
      const parsed = ticketSchema.safeParse(raw);
      if (!parsed.success) {
        return problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) });
      }
      const ticket = parsed.data;
      const errors = await checkTicket(ticket, files, config, lang);
      if (errors.length) return problem(422, 'invalid', lang, { errors });
      // Photos lose their location, text logs their secrets, every file an honest name, before anything is kept.
      const attachmentsRedacted = await cleanAttachments(files, ticket.lang);

      const claims = ticket.customer.token && config.customerTokenSecret ? verifyCustomerToken(ticket.customer.token, config.customerTokenSecret, now().getTime()) : null;
      const { token: _unsaved, ...customer } = ticket.customer;
      const { ticket: clean, redacted } = await redactTicketFully({
        ...ticket,
        customer: { ...customer, ...(claims?.name ? { name: claims.name } : {}), ...(claims?.email ? { email: claims.email } : {}) },
        attachments: describeFiles(files),
      });
      const market = marketFor(config.support, ticket.lang);
      const createdAt = now();
      const id = randomUUID();
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
        attachments: (clean.attachments ?? []).map((meta, i) => ({ id: files[i]!.id, name: meta.name, type: meta.type, size: meta.size, path: files[i]!.path })),
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
      const { response } = created;
      keepFiles = true;
      deps.onCreated?.();
      const number = (JSON.parse(response.body) as { number: string }).number;
      return new Response(response.body, { status: response.status, headers: { 'Content-Type': 'application/json', Location: `/api/tickets/${number}` } });
    } catch (error) {
      if (error instanceof IntakeError) {
        return problem(error.status, error.status === 413 ? 'too-large' : 'bad-request', lang, {
          ...(error.path ? { errors: [{ path: error.path, code: error.code, message: error.message }] } : {}),
        });
      }
      if (error instanceof BodyAbortedError) throw error; // the client is gone: app.ts answers nobody, logs nothing
      if (await outOfSpace(error, config.dataDir, disk)) {
        const t = Date.now();
        if (t - lastFullDiskLog > 60_000) {
          lastFullDiskLog = t;
          console.error(`[support-kit server] the disk of DATA_DIR (${config.dataDir}) is full: tickets are refused with 507 until space is freed`);
        }
        // Retry-After: the widget keeps the ticket and tries again, by then someone may have freed space.
        return problem(507, 'insufficient-storage', lang, { headers: { 'Retry-After': '300' } });
      }
      throw error;
    } finally {
      inFlight.delete(flightKey);
      await store.releaseIdempotencyKey(scope, key, claim).catch(() => {}); // else its lease or its instance's end frees it
      if (!keepFiles) await Promise.all(files.map((f) => rm(f.path, { force: true })));
    }
  });

  app.get('/:number', async (c) => {
    const lang = matchLanguage(c.req.header('Accept-Language'));
    const token = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]?.trim() ?? '';
    const ticket = await store.ticketByNumber(c.req.param('number'));
    // A wrong token and a missing ticket look the same: nobody can probe which numbers exist.
    if (!ticket || !token || !timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(ticket.tokenHash))) return problem(404, 'not-found', lang);
    const deliveries = await store.deliveriesFor(ticket.id);
    c.header('Cache-Control', 'no-store'); // a private answer: no cache may keep it
    const state = deliveries.some((d) => d.state === 'failed') ? 'failed' : deliveries.every((d) => d.state === 'delivered') ? 'delivered' : 'pending';
    const market = marketFor(config.support, ticket.ticket.lang);
    const answer: TicketStatusAnswer = {
      number: ticket.number,
      status: ticket.status,
      createdAt: ticket.createdAt,
      replyExpectation: readReplyExpectation(ticket.expectedReplyBy, market.firstReply, market.timeZone, ticket.createdAt),
      timeZone: market.timeZone,
      department: ticket.ticket.department,
      priority: ticket.ticket.priority,
      subject: ticket.ticket.subject,
      lang: ticket.ticket.lang,
      verified: Boolean(ticket.verifiedCustomerId),
      attachments: ticket.attachments.length,
      history: await store.history(ticket.id),
      actions: { reply: false, close: false, reopenable: false }, // replies and closing: issue 17, not yet built
      delivery: { state, forwarders: deliveries.map((d) => ({ name: d.forwarder, state: d.state, attempts: d.attempts })) },
    };
    return c.json(answer);
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

/** Checks the contract cannot express: the operator's departments, topics, attachments. */
async function checkTicket(ticket: Ticket, files: UploadedFile[], config: ServerConfig, lang: ReturnType<typeof matchLanguage>): Promise<FieldProblem[]> {
  const errors: FieldProblem[] = [];
  const department = config.support.departments.find((d) => d.key === ticket.department);
  if (!department) errors.push(fieldProblem('department', 'department', lang));
  if (ticket.topic && department && !department.topics.some((t) => t.key === ticket.topic)) errors.push(fieldProblem('topic', 'topic', lang));
  // Metadata describes the multipart file parts; a JSON body carries no files, so its metadata is moot.
  if (files.length && ticket.attachments && ticket.attachments.length !== files.length) errors.push(fieldProblem('attachments', 'attachments-mismatch', lang));
  for (const [index, file] of files.entries()) {
    const type = await sniffType(file.head, file.declaredName, file.declaredType);
    if (!type || !config.support.attachments.allowedTypes.includes(type)) errors.push(fieldProblem(`attachments.${index}.type`, 'type', lang));
    else file.declaredType = type; // from here on, the sniffed type is the type
  }
  return errors;
}

function describeFiles(files: UploadedFile[]): NonNullable<Ticket['attachments']> {
  return files.map((f) => ({ name: sanitizeFileName(f.declaredName), type: f.declaredType, size: f.size }));
}
