/**
 * Writes what backends and integrators read next to the bundle: the ticket contract as JSON Schema,
 * a complete example ticket, and prints the bundle's size and Subresource Integrity hash.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { ticketJsonSchema, ticketSchema } from '../../core/contract/ticket.ts';
import { exampleTicket } from '../../core/contract/ticket.example.ts';

const dist = new URL('../dist/', import.meta.url);
mkdirSync(dist, { recursive: true });
const example = ticketSchema.parse(exampleTicket);
writeFileSync(new URL('ticket.schema.json', dist), `${JSON.stringify({ $id: 'https://support-kit.dev/ticket.schema.json', ...ticketJsonSchema() }, null, 2)}\n`);
writeFileSync(new URL('ticket.example.json', dist), `${JSON.stringify(example, null, 2)}\n`);

const bundle = readFileSync(new URL('support-ticket.js', dist));
const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
writeFileSync(new URL('support-ticket.integrity.txt', dist), `${integrity}\n`);
console.log(
  `widget/dist/support-ticket.js: ${bundle.length} B, ${gzipSync(bundle, { level: 9 }).length} B gzipped, ${brotliCompressSync(bundle).length} B brotli\n` +
    `integrity="${integrity}"`,
);
