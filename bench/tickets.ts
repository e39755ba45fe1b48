/**
 * Request bodies for the server benchmarks: a realistic ticket (the published example), multipart
 * bodies with attachments, and attachment bytes the server's type sniffing accepts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Ticket } from '../core/contract/ticket.ts';

const example = JSON.parse(readFileSync(new URL('../widget/dist/ticket.example.json', import.meta.url), 'utf8')) as Ticket;

/** The published example ticket, started a minute ago, without attachment metadata (a JSON body carries no files). */
export function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  const { attachments: _none, ...ticket } = example;
  return { ...ticket, client: { ...ticket.client, startedAt: new Date(Date.now() - 60_000).toISOString() }, ...overrides };
}

/**
 * A PNG of exactly `size` bytes: a real signature and IHDR (what content sniffing reads), then one
 * IDAT chunk of random bytes, then IEND. Random bytes do not compress, like a real screenshot.
 */
export function pngOfSize(size: number): Buffer {
  const png = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(1280, 16);
  png.writeUInt32BE(800, 20);
  png[24] = 8;
  png[25] = 2;
  const idat = size - 33 - 12 - 12;
  png.writeUInt32BE(idat, 33);
  png.write('IDAT', 37, 'latin1');
  randomBytes(idat).copy(png, 41);
  png.write('IEND', 41 + idat + 8, 'latin1');
  return png;
}

export interface Attachment {
  name: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body as the widget sends it: the `ticket` JSON part, then one `attachments` part per file. */
export function multipartBody(ticket: Ticket, files: Attachment[], boundary = `----support-kit-bench-${randomBytes(8).toString('hex')}`): { body: Buffer; contentType: string } {
  const withMeta: Ticket = { ...ticket, attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.data.length })) };
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ticket"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(withMeta)}\r\n`),
  ];
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
