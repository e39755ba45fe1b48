/**
 * Streams a multipart/form-data ticket to disk with limits, never buffering uploads in memory
 * (Hono's parseBody would). The `ticket` part (JSON, sent as a field or a Blob) is read into memory
 * up to 1 MB; each `attachments` part goes to its own file under `dir`, hashed as it streams.
 */
import Busboy from '@fastify/busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface UploadedFile {
  id: string;
  path: string;
  declaredName: string;
  declaredType: string;
  size: number;
  sha256: string;
  /** The first bytes, for sniffing the real type. */
  head: Buffer;
}

export interface ParsedMultipart {
  ticketJson: string;
  files: UploadedFile[];
}

/** A client mistake, answered with `status` (never a 5xx). */
export class IntakeError extends Error {
  readonly status: 400 | 413 | 415 | 422;
  readonly code: string;
  readonly path?: string;
  constructor(status: 400 | 413 | 415 | 422, code: string, message: string, path?: string) {
    super(message);
    this.status = status;
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

export const maxTicketJsonBytes = 1024 * 1024;

export async function parseMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  dir: string,
  limits: { maxFiles: number; maxFileBytes: number; maxTotalBytes: number },
): Promise<ParsedMultipart> {
  const files: UploadedFile[] = [];
  let ticketJson: string | undefined;
  let total = 0;
  const pending: Promise<void>[] = [];
  let failure: IntakeError | undefined;
  const fail = (error: IntakeError) => {
    failure ??= error;
  };

  let busboy: ReturnType<typeof Busboy>;
  try {
    busboy = Busboy({
      headers: { 'content-type': contentType },
      limits: { files: limits.maxFiles + 1, fileSize: Math.max(limits.maxFileBytes, maxTicketJsonBytes), fields: 10, fieldSize: maxTicketJsonBytes, parts: limits.maxFiles + 11 },
    });
  } catch {
    throw new IntakeError(400, 'multipart', 'The multipart body has no boundary.');
  }

  const done = new Promise<void>((resolve, reject) => {
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (name !== 'ticket') return;
      if (valueTruncated) fail(new IntakeError(413, 'too-large', 'The ticket part is larger than 1 MB.', 'ticket'));
      ticketJson = value;
    });
    busboy.on('file', (name, stream, filename, _encoding, mimeType) => {
      if (failure) return void stream.resume();
      if (name === 'ticket') {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', () => fail(new IntakeError(413, 'too-large', 'The ticket part is larger than 1 MB.', 'ticket')));
        pending.push(new Promise((ok) => stream.on('end', () => ((ticketJson = Buffer.concat(chunks).toString('utf8')), ok()))));
        return;
      }
      if (name !== 'attachments') return void stream.resume();
      const index = files.length;
      if (index >= limits.maxFiles) {
        fail(new IntakeError(413, 'too-many-files', `At most ${limits.maxFiles} attachments are accepted.`, 'attachments'));
        return void stream.resume();
      }
      const id = randomUUID();
      const file: UploadedFile = { id, path: path.join(dir, id), declaredName: filename ?? '', declaredType: mimeType ?? '', size: 0, sha256: '', head: Buffer.alloc(0) };
      files.push(file);
      const hash = createHash('sha256');
      const out = createWriteStream(file.path, { flags: 'wx' });
      stream.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
        total += chunk.length;
        hash.update(chunk);
        if (file.head.length < 4100) file.head = Buffer.concat([file.head, chunk.subarray(0, 4100 - file.head.length)]);
        if (file.size > limits.maxFileBytes) fail(new IntakeError(413, 'file-too-large', `Each attachment may have at most ${limits.maxFileBytes} bytes.`, `attachments.${index}`));
        if (total > limits.maxTotalBytes) fail(new IntakeError(413, 'total-too-large', `Attachments may have at most ${limits.maxTotalBytes} bytes in total.`, 'attachments'));
      });
      stream.on('limit', () => fail(new IntakeError(413, 'file-too-large', `Each attachment may have at most ${limits.maxFileBytes} bytes.`, `attachments.${index}`)));
      stream.pipe(out);
      pending.push(
        new Promise((ok, ko) => {
          out.on('finish', () => ((file.sha256 = hash.digest('hex')), ok()));
          out.on('error', ko);
        }),
      );
    });
    busboy.on('filesLimit', () => fail(new IntakeError(413, 'too-many-files', `At most ${limits.maxFiles} attachments are accepted.`, 'attachments')));
    busboy.on('partsLimit', () => fail(new IntakeError(413, 'too-many-parts', 'Too many parts in the multipart body.')));
    busboy.on('finish', resolve);
    busboy.on('error', () => reject(new IntakeError(400, 'multipart', 'The multipart body is malformed.')));
  });

  // Reading to the end even after a limit is hit drains the body: the client gets our answer, not a reset.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed where tests see the DOM's ReadableStream
  Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>)
    .on('error', () => busboy.destroy(new Error('aborted')))
    .pipe(busboy);
  try {
    await done;
    await Promise.all(pending);
  } catch (error) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    throw error instanceof IntakeError ? error : new IntakeError(400, 'multipart', 'The multipart body could not be read.');
  }
  if (failure) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    throw failure;
  }
  if (ticketJson === undefined) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    throw new IntakeError(400, 'missing-ticket', 'The multipart body has no "ticket" part.', 'ticket');
  }
  return { ticketJson, files };
}
