/**
 * What every customer submission shares, a ticket (`POST /api/tickets`) or a reply to one
 * (`POST /api/tickets/:number/replies`): the per-client limit, the `Idempotency-Key` claimed in this
 * process and in the store, the body as JSON or multipart (files streamed to disk under the
 * attachment policy's caps), the replay of a finished request, and a 4xx for every client mistake.
 * The route's own handler sees the parsed JSON, the files and a replay function, and says whether
 * the files were kept; otherwise they are deleted.
 */
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { matchLanguage, type UiLanguage } from '../../../core/contract/locales.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { drain, fieldProblem, problem, type FieldProblem } from '../http/problem.ts';
import { sanitizeFileName, sniffType } from '../intake/attachment-type.ts';
import type { StoredAttachment } from '../store/records.ts';
import { BodyAbortedError, parseJson, readCapped } from '../http/json-body.ts';
import { IntakeError, maxMultipartBytes, maxTicketJsonBytes, parseMultipart, type UploadedFile } from '../intake/multipart.ts';
import { diskAccess, outOfSpace, type DiskAccess } from '../intake/disk-space.ts';
import { createRateLimiter } from '../intake/client.ts';
import type { ClientHash } from './per-client-limit.ts';

export interface IntakeDeps {
  config: ServerConfig;
  store: Store;
  clientHash: ClientHash;
  now: () => Date;
  disk?: DiskAccess | undefined;
}

export interface IntakeOptions {
  /** Names the limiter's counts (shared across instances on PostgreSQL). */
  name: string;
  /** Submissions per client per minute. */
  perMinute: number;
  /** The multipart part that holds the JSON (`ticket`, `reply`). */
  jsonPart: string;
}

/** A submission read and checked this far: the route validates `raw` against its contract. */
export interface IntakeBody {
  raw: unknown;
  files: UploadedFile[];
  /** The body's and files' hash: the same key with another body is refused. */
  fingerprint: string;
  /** From Accept-Language, then the body's own `lang`. */
  lang: UiLanguage;
  /** The salted hash of the client. */
  client: string;
  scope: string;
  key: string;
  /** The stored answer for this key (422 when it came with another body), if the request was already done. */
  replay: () => Promise<Response | undefined>;
  /** Keeps the uploaded files: the route stored them. */
  keepFiles: () => void;
}

/**
 * How long a claim on an idempotency key lasts at most: longer than any request may take (a 20 MB
 * upload on a slow line), and a claim of an instance that died is taken over at once anyway.
 */
const claimLeaseMs = 10 * 60 * 1000;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Answers a replayed request exactly as the first time, marked as a replay. */
function replayed(previous: { status: number; body: string }): Response {
  return new Response(previous.body, { status: previous.status, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' } });
}

/**
 * A handler for idempotent submissions: `scopeOf` keeps keys of different targets apart (the
 * page's origin for tickets; the ticket too for replies), `handle` does the route's own part.
 */
export function idempotentIntake(deps: IntakeDeps, options: IntakeOptions) {
  const { config, store, now } = deps;
  const inFlight = new Set<string>();
  // In the database when several instances share it: a client gets the limit once, not once per instance.
  const limiter = createRateLimiter(options.perMinute, { name: options.name, counter: deps.clientHash.sharedCounter });
  const disk = deps.disk ?? diskAccess;
  /** Once a minute at most: a full disk refuses every submission, and one line says why. */
  let lastFullDiskLog = -Infinity;
  const uploads = path.join(config.dataDir, 'attachments');
  const policy = config.support.attachments;

  return async (c: Context, scopeOf: (origin: string) => string, handle: (body: IntakeBody) => Promise<Response>): Promise<Response> => {
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
    const scope = scopeOf(c.req.header('Origin') ?? 'none');
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
      let json: string;
      if (/^application\/json\b/i.test(contentType)) {
        if (length > maxTicketJsonBytes) {
          await drain(request.body);
          return problem(413, 'too-large', lang);
        }
        const text = await readCapped(request, maxTicketJsonBytes);
        if (text === undefined) return problem(413, 'too-large', lang);
        json = text;
      } else if (/^multipart\/form-data\b/i.test(contentType)) {
        if (length > maxMultipartBytes(policy)) {
          await drain(request.body);
          return problem(413, 'too-large', lang);
        }
        await mkdir(uploads, { recursive: true });
        const parsed = await parseMultipart(request.body ?? new ReadableStream(), contentType, uploads, policy, disk, options.jsonPart);
        files = parsed.files;
        json = parsed.ticketJson;
      } else {
        await drain(request.body);
        return problem(415, 'unsupported-type', lang);
      }

      const parsedJson = parseJson(json);
      if (!parsedJson.ok) return problem(400, parsedJson.reason, lang);
      const raw = parsedJson.value;
      // Only a string names a language: String({ toString: 1 }) throws.
      if (raw && typeof raw === 'object' && 'lang' in raw && typeof raw.lang === 'string') lang = matchLanguage(raw.lang);
      const fingerprint = sha256(JSON.stringify(raw) + files.map((f) => f.sha256).join(','));
      const replay = async () => {
        const previous = await store.idempotent(scope, key);
        if (!previous) return undefined;
        if (previous.fingerprint !== fingerprint) return problem(422, 'key-reused', lang);
        return replayed(previous);
      };
      const previous = await replay();
      if (previous) return previous;
      return await handle({ raw, files, fingerprint, lang, client, scope, key, replay, keepFiles: () => (keepFiles = true) });
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
          console.error(`[support-kit server] the disk of DATA_DIR (${config.dataDir}) is full: tickets and replies are refused with 507 until space is freed`);
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
  };
}

/** Each file's type, sniffed from its content, must be one the attachment policy accepts; from here on the sniffed type is the type. */
export async function checkFiles(files: UploadedFile[], config: ServerConfig, lang: UiLanguage): Promise<FieldProblem[]> {
  const errors: FieldProblem[] = [];
  for (const [index, file] of files.entries()) {
    const type = await sniffType(file.head, file.declaredName, file.declaredType);
    if (!type || !config.support.attachments.allowedTypes.includes(type)) errors.push(fieldProblem(`attachments.${index}.type`, 'type', lang));
    else file.declaredType = type;
  }
  return errors;
}

/** The files as the contract describes them: an honest name, the sniffed type, the size. */
export function describeFiles(files: UploadedFile[]): { name: string; type: string; size: number }[] {
  return files.map((f) => ({ name: sanitizeFileName(f.declaredName), type: f.declaredType, size: f.size }));
}

/** The files as the store keeps them, with their (redacted) descriptions. */
export function storedFiles(described: readonly { name: string; type: string; size: number }[], files: UploadedFile[]): Omit<StoredAttachment, 'ticketId'>[] {
  return described.map((meta, i) => ({ id: files[i]!.id, name: meta.name, type: meta.type, size: meta.size, path: files[i]!.path }));
}
