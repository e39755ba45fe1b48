/**
 * Streams a multipart/form-data ticket to disk with limits, never buffering uploads in memory
 * (Hono's parseBody would). The `ticket` part (JSON, sent as a field or a Blob) is read into memory
 * up to 1 MB; each `attachments` part goes to its own file under `dir`, hashed as it streams. The
 * whole body is counted as it arrives, so a chunked body (no Content-Length) meets the same cap.
 */
import type Busboy from '@fastify/busboy';
import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { BodyAbortedError } from '../http/json-body.ts';
import { diskAccess, isOutOfSpace, OutOfSpaceError, type DiskAccess } from './disk-space.ts';
import { serverUploadMemory } from './upload-memory.ts';

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

/** Room for part headers and boundaries around the ticket and the files. */
export const multipartOverheadBytes = 256 * 1024;

/** The most a multipart ticket may weigh on the wire, whatever its parts: the files, the ticket, their framing. */
export function maxMultipartBytes(limits: { maxTotalBytes: number }): number {
  return limits.maxTotalBytes + maxTicketJsonBytes + multipartOverheadBytes;
}

/**
 * After the cap is passed we keep reading (and discarding) this much more, so a client that sent a
 * little too much gets our 413 rather than a reset; past it, the connection is cut.
 */
const discardAfterCapBytes = 8 * 1024 * 1024;

export async function parseMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  dir: string,
  limits: { maxFiles: number; maxFileBytes: number; maxTotalBytes: number },
  disk: Pick<DiskAccess, 'createFile'> = diskAccess,
  /** The JSON part's name: `ticket`, or `reply` for a reply to a ticket (same caps and files). */
  jsonPart = 'ticket',
): Promise<ParsedMultipart> {
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  const outs = new Set<Writable>();
  let ticketJson: string | undefined;
  let total = 0;
  // The first thing that went wrong decides the answer; the body is still read to its end.
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  const bodyCap = maxMultipartBytes(limits);
  const tooLarge = () => new IntakeError(413, 'too-large', `The request may have at most ${bodyCap} bytes.`);

  // Loaded with the first multipart ticket: a server that takes only JSON never needs it.
  const { default: createBusboy } = await import('@fastify/busboy');
  let busboy: ReturnType<typeof Busboy>;
  try {
    busboy = createBusboy({
      headers: { 'content-type': contentType },
      // A file part without a filename is still a file: busboy would take it for a field and drop it.
      isPartAFile: (name, type, filename) => name === 'attachments' || filename !== undefined || type === 'application/octet-stream',
      limits: { files: limits.maxFiles + 1, fileSize: Math.max(limits.maxFileBytes, maxTicketJsonBytes) + 1, fields: 10, fieldSize: maxTicketJsonBytes, parts: limits.maxFiles + 11 },
    });
  } catch {
    throw new IntakeError(400, 'multipart', 'The multipart body has no boundary.');
  }

  const parsed = new Promise<void>((resolve) => {
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (name !== jsonPart) return;
      if (valueTruncated) fail(new IntakeError(413, 'too-large', `The ${jsonPart} part is larger than 1 MB.`, jsonPart));
      ticketJson = value;
    });
    busboy.on('file', (name, stream, filename, _encoding, mimeType) => {
      // A part cut short by the client errors here; the body's own end or error settles the parse.
      stream.on('error', () => {});
      if (failure) return void stream.resume();
      if (name === jsonPart) return readTicketPart(stream);
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
      const out = disk.createFile(file.path);
      outs.add(out);
      stream.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
        total += chunk.length;
        hash.update(chunk);
        if (file.head.length < 4100) file.head = Buffer.concat([file.head, chunk.subarray(0, 4100 - file.head.length)]);
        if (file.size > limits.maxFileBytes) fail(new IntakeError(413, 'file-too-large', `Each attachment may have at most ${limits.maxFileBytes} bytes.`, `attachments.${index}`));
        if (total > limits.maxTotalBytes) fail(new IntakeError(413, 'total-too-large', `Attachments may have at most ${limits.maxTotalBytes} bytes in total.`, 'attachments'));
      });
      stream.pipe(out);
      writes.push(
        // Settles on 'close' whatever happened, never rejects: a write error must not become an
        // unhandled rejection (on a full disk it used to kill the process).
        new Promise<void>((settle) => {
          out.on('finish', () => (file.sha256 = hash.digest('hex')));
          out.on('error', (error: Error) => {
            fail(isOutOfSpace(error) ? new OutOfSpaceError(dir, error) : error);
            // pipe() stops on a destination error and leaves the part paused: keep reading it, or
            // busboy waits for it forever.
            stream.unpipe(out);
            stream.resume();
          });
          out.on('close', () => {
            outs.delete(out);
            settle();
          });
        }),
      );
    });
    busboy.on('filesLimit', () => fail(new IntakeError(413, 'too-many-files', `At most ${limits.maxFiles} attachments are accepted.`, 'attachments')));
    busboy.on('partsLimit', () => fail(new IntakeError(413, 'too-many-parts', 'Too many parts in the multipart body.')));
    busboy.on('finish', resolve);
    busboy.on('error', () => {
      fail(new IntakeError(400, 'multipart', 'The multipart body is malformed.'));
      resolve();
    });
  });

  /** The ticket may come as a file part (a Blob): held in memory, so it gets the ticket's cap, not a file's. */
  function readTicketPart(stream: NodeJS.ReadableStream): void {
    let chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxTicketJsonBytes) return void chunks.push(chunk);
      fail(new IntakeError(413, 'too-large', `The ${jsonPart} part is larger than 1 MB.`, jsonPart));
      chunks = [];
    });
    stream.on('end', () => {
      if (size <= maxTicketJsonBytes) ticketJson = Buffer.concat(chunks).toString('utf8');
    });
  }

  // Fed by hand rather than piped, to count every byte: past the cap nothing more reaches busboy.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed where tests see the DOM's ReadableStream
  const source = Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>);
  const received = new Promise<void>((resolve) => {
    let seen = 0;
    let capped = false;
    source.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      serverUploadMemory.received(chunk.length);
      if (seen > bodyCap && !capped) {
        capped = true;
        fail(tooLarge());
        busboy.destroy();
      }
      if (capped) {
        if (seen > bodyCap + discardAfterCapBytes) source.destroy();
        return;
      }
      if (!busboy.write(chunk)) {
        source.pause();
        busboy.once('drain', () => source.resume());
      }
    });
    source.on('end', () => {
      if (!capped) busboy.end();
      resolve();
    });
    source.on('error', (error) => {
      if (!capped) fail(new BodyAbortedError('the request body broke off', { cause: error }));
      busboy.destroy();
      resolve();
    });
    source.on('close', resolve);
  });

  await received;
  // A destroyed parser never finishes: after a cap or a broken-off body, do not wait for it.
  if (!failure) await parsed;
  if (failure) for (const out of outs) out.destroy();
  await Promise.all(writes);
  if (!failure && ticketJson === undefined) failure = new IntakeError(400, `missing-${jsonPart}`, `The multipart body has no "${jsonPart}" part.`, jsonPart);
  if (failure) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    throw failure;
  }
  return { ticketJson: ticketJson!, files };
}
