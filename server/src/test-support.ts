/** Helpers for the server's tests: a throw-away data folder, config, store and app. */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type ServerConfig } from './config.ts';
import { createApp, type AppDeps } from './app.ts';
import type { DiskAccess } from './intake/disk-space.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { exampleTicket } from '../../core/contract/ticket.example.ts';

export const allowedOrigin = 'http://localhost:4321';

export interface TestServer {
  app: ReturnType<typeof createApp>;
  store: Store;
  config: ServerConfig;
  dir: string;
  reopen(): TestServer;
  cleanup(): void;
}

/** What a test may swap in the app: a full disk, a failing store, the socket's address. */
export interface TestDeps {
  disk?: DiskAccess;
  wrapStore?: (store: Store) => Store;
  remoteAddress?: AppDeps['remoteAddress'];
}

export function testServer(env: Record<string, string> = {}, adjust?: (config: ServerConfig) => ServerConfig, deps: TestDeps = {}): TestServer {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-server-'));
  const make = (): TestServer => {
    let config = loadConfig({ DATA_DIR: dir, CONTENT_DIR: 'content', SITE_DIR: 'site/dist', MIN_FILL_SECONDS: '0', RATE_LIMIT: '1000', ...env });
    if (adjust) config = adjust(config);
    const store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
    const app = createApp({
      config, store: deps.wrapStore?.(store) ?? store, forwarders: ['webhook'], ticketSecret: Buffer.from('test-secret-test-secret-test-sec'),
      ...(deps.disk ? { disk: deps.disk } : {}), ...(deps.remoteAddress ? { remoteAddress: deps.remoteAddress } : {}),
    });
    return {
      app, store, config, dir,
      reopen() {
        store.close();
        return make();
      },
      cleanup() {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
  return make();
}

/** A fresh copy of the example ticket, started a minute ago. */
export function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(exampleTicket), client: { ...exampleTicket.client, startedAt: new Date(Date.now() - 60_000).toISOString() }, ...overrides };
}

export async function postJson(app: TestServer['app'], body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return await app.request('/api/tickets', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const phpBytes = Buffer.from('<?php system($_GET["c"]); ?>\n');

export function multipart(ticketBody: unknown, files: { name: string; type: string; data: Buffer }[]): FormData {
  const form = new FormData();
  form.append('ticket', new Blob([JSON.stringify(ticketBody)], { type: 'application/json' }));
  for (const f of files) form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  return form;
}

/** The error Node's fs gives when a write meets a full disk. */
export function noSpaceError(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC', syscall: 'write' });
}

/**
 * A disk with `room` bytes left: uploads are really written until it is full, then the write fails
 * with ENOSPC, as on a full file system (no root, no tmpfs needed).
 */
export function diskWithRoom(room: number): DiskAccess {
  let used = 0;
  return {
    createFile(file) {
      const fd = openSync(file, 'wx');
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          const fits = Math.max(0, Math.min(chunk.length, room - used));
          if (fits) writeSync(fd, chunk, 0, fits);
          used += fits;
          done(fits < chunk.length ? noSpaceError() : null);
        },
        destroy(error, done) {
          closeSync(fd);
          done(error);
        },
      });
    },
    freeBytes: async () => room - used,
  };
}

/** The environment node-server hands the app for a request from `address`. */
export const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
