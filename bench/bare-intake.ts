/**
 * The floor of what any ticket intake must do, for the throughput ratio: a bare Hono handler on
 * @hono/node-server that parses the JSON body, inserts one row into node:sqlite (WAL,
 * synchronous=NORMAL, like the real store) and answers 201. For multipart bodies it streams the raw
 * body to one file (no parsing, no sniffing) and inserts one row: the floor with an upload.
 *
 *   PORT=4500 DATA_DIR=/tmp/bare node bench/bare-intake.ts
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DatabaseSync } from 'node:sqlite';

const dataDir = path.resolve(process.env.DATA_DIR ?? 'bare-data');
mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
const db = new DatabaseSync(path.join(dataDir, 'bare.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
db.exec('CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, data TEXT NOT NULL, upload TEXT)');
const insert = db.prepare('INSERT INTO tickets (id, created_at, data, upload) VALUES (?, ?, ?, ?)');

const app = new Hono();
app.get('/health', (c) => c.text('ok'));
app.post('/api/tickets', async (c) => {
  const id = randomUUID();
  if ((c.req.header('Content-Type') ?? '').startsWith('multipart/')) {
    const file = path.join(dataDir, 'uploads', id);
    await pipeline(Readable.fromWeb(c.req.raw.body as unknown as WebReadableStream<Uint8Array>), createWriteStream(file));
    insert.run(id, new Date().toISOString(), '{}', file);
  } else {
    const ticket = (await c.req.json()) as unknown;
    insert.run(id, new Date().toISOString(), JSON.stringify(ticket), null);
  }
  return c.json({ id }, 201);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 4500), hostname: process.env.HOST ?? '127.0.0.1' });
