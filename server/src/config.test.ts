import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, demoOrigin, loadConfig, serverOrigin } from './config.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import { postJson, testServer, ticket } from './test-support.ts';

describe('server settings', () => {
  it('allows its own origins, the cross-origin demo page and the listed ones by default', () => {
    const config = loadConfig({ PORT: '8080', PUBLIC_URL: 'https://suporte.example.com.br/', ALLOWED_ORIGINS: 'https://www.example.com.br, https://cliente.example.com.br/path' });
    expect([...config.allowedOrigins].sort()).toEqual([
      'http://127.0.0.1:8080', 'http://127.0.0.1:8081', 'http://localhost:8080', 'http://localhost:8081',
      'https://cliente.example.com.br', 'https://suporte.example.com.br', 'https://www.example.com.br',
    ]);
    expect(config.demoPort).toBe(8081);
    expect(config.rateLimit).toBe(10);
  });

  it('serves the cross-origin demo page on DEMO_PORT, or not at all with 0, and never on PORT', () => {
    expect(loadConfig({ PORT: '8080', DEMO_PORT: '9000' }).allowedOrigins).toContain('http://127.0.0.1:9000');
    const off = loadConfig({ PORT: '8080', DEMO_PORT: '0' });
    expect(off.demoPort).toBeUndefined();
    expect([...off.allowedOrigins].sort()).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
    expect(() => loadConfig({ PORT: '8080', DEMO_PORT: '8080' })).toThrow(/DEMO_PORT: a port other than PORT \(8080\)/);
  });

  it('names the origin pages reach it at, even when it listens on every interface', () => {
    expect(serverOrigin(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }))).toBe('http://localhost:8080');
    expect(demoOrigin(loadConfig({ PORT: '8080', HOST: '127.0.0.1' }))).toBe('http://127.0.0.1:8081');
    expect(serverOrigin(loadConfig({ PUBLIC_URL: 'https://suporte.example.com.br' }))).toBe('https://suporte.example.com.br');
  });

  it('names every wrong variable and what it found', () => {
    expect(() => loadConfig({ PORT: 'abc', ALLOWED_ORIGINS: 'example.com', CUSTOMER_TOKEN_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', ALLOWED_ORIGINS: 'example.com', CUSTOMER_TOKEN_SECRET: 'short' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT: .*found "abc"/);
      expect(message).toMatch(/ALLOWED_ORIGINS\.0: .*found "example.com"/);
      expect(message).toMatch(/CUSTOMER_TOKEN_SECRET: at least 32 characters/);
    }
  });

  it('stops the server at start with a one-line message instead of a stack trace', () => {
    const result = spawnSync(process.execPath, ['server/src/main.ts'], { env: { ...process.env, PORT: 'not-a-port' }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\[support-kit server\] Invalid server settings:\n {2}- PORT: /);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('npm run backup', () => {
  it('writes a consistent copy of the database, with the same tickets, while the server holds it open', async () => {
    const server = testServer();
    try {
      await postJson(server.app, ticket());
      const result = spawnSync(process.execPath, ['server/src/backup.ts'], { env: { ...process.env, DATA_DIR: server.dir }, encoding: 'utf8' });
      expect(result.status).toBe(0);
      const [copy] = readdirSync(path.join(server.dir, 'backups'));
      expect(copy).toMatch(/^support-kit-.*\.sqlite$/);
      const reopened = openSqliteStore(path.join(server.dir, 'backups', copy ?? ''));
      expect(await reopened.stats()).toMatchObject({ tickets: 1 });
      reopened.close();
    } finally {
      server.cleanup();
    }
  });
});
