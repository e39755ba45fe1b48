/**
 * Writes what backends and integrators read next to the bundle: the ticket contract as JSON Schema,
 * a complete example ticket, the entry's Subresource Integrity hash, and prints the sizes of the entry and
 * of the chunks it loads later.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { ticketJsonSchema, ticketSchema } from '../../core/contract/ticket.ts';
import { exampleTicket } from '../../core/contract/ticket.example.ts';
import { integrityOf } from './chunk-integrity.ts';

const dist = new URL('../dist/', import.meta.url);
mkdirSync(dist, { recursive: true });
const example = ticketSchema.parse(exampleTicket);
writeFileSync(new URL('ticket.schema.json', dist), `${JSON.stringify({ $id: 'https://support-kit.dev/ticket.schema.json', ...ticketJsonSchema() }, null, 2)}\n`);
writeFileSync(new URL('ticket.example.json', dist), `${JSON.stringify(example, null, 2)}\n`);

// The entry's hash, computed last: the build has written its chunks' hashes into it (chunk-integrity.ts).
const bundle = readFileSync(new URL('support-ticket.js', dist));
const integrity = integrityOf(bundle);
writeFileSync(new URL('support-ticket.integrity.txt', dist), `${integrity}\n`);
const sizes = (file: string, code: Buffer) => `widget/dist/${file}: ${code.length} B, ${gzipSync(code, { level: 9 }).length} B gzipped, ${brotliCompressSync(code).length} B brotli`;
const chunks = readdirSync(dist).filter((file) => /^support-ticket-.+\.js$/.test(file));
console.log(
  [sizes('support-ticket.js', bundle), ...chunks.map((file) => `  loaded on first interaction: ${sizes(file, readFileSync(new URL(file, dist)))}`)].join('\n') +
    `\nintegrity="${integrity}"`,
);
