/**
 * Request bodies for the server benchmarks: a realistic ticket (the published example), multipart
 * bodies with attachments, and attachment bytes the server's type sniffing accepts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Ticket } from '../core/contract/ticket.ts';

const example = JSON.parse(readFileSync(new URL('../widget/dist/ticket.example.json', import.meta.url), 'utf8')) as Ticket;

/** The published example ticket, started a minute ago, without attachment metadata (a JSON body carries no files). */
export function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  const { attachments: _none, ...ticket } = example;
  return { ...ticket, client: { ...ticket.client, startedAt: new Date(Date.now() - 60_000).toISOString() }, ...overrides };
}

/** One PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/**
 * A PNG of exactly `size` bytes that decodes: 1280 pixels wide, as many rows of random RGB pixels
 * as fit, stored without compression (random pixels do not compress, like a real screenshot's
 * worth of detail), padded to the byte with a tEXt comment. The server re-encodes images to drop
 * their metadata, so the bytes must be a real image, not just a PNG signature.
 */
export function pngOfSize(size: number): Buffer {
  const width = 1280;
  const row = 1 + width * 3; // filter byte, then RGB
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const fixed = 8 + 25 + 12 + 12 + 12 + 'Comment'.length + 1; // signature, IHDR, IDAT, IEND and tEXt framing
  for (let rows = Math.floor((size - fixed) / row); rows > 0; rows--) {
    const pixels = randomBytes(rows * row);
    for (let y = 0; y < rows; y++) pixels[y * row] = 0;
    const idat = deflateSync(pixels, { level: 0 });
    const padding = size - fixed - idat.length;
    if (padding < 0) continue;
    header.writeUInt32BE(rows, 4);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', idat),
      pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(padding, 0x20)])),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
  }
  throw new Error(`no PNG fits in ${size} bytes`);
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
