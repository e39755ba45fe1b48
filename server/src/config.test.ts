import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, demoOrigin, isWildcardHost, loadConfig, serverOrigin } from './config.ts';
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

  it('asks for PUBLIC_URL when it listens on every interface and sends links in e-mails or to a helpdesk', () => {
    for (const [host, sender] of [['0.0.0.0', 'SMTP_URL'], ['::', 'WHMCS_URL'], ['[::]', 'WEBHOOK_URL'], ['0:0:0:0:0:0:0:0', 'ZENDESK_URL'], ['0.0.0.0', 'FRESHDESK_URL']] as const) {
      expect(() => loadConfig({ HOST: host, [sender]: 'https://helpdesk.example.com' })).toThrow(
        new RegExp(`PUBLIC_URL: required when HOST is ${host.replace(/[[\]]/g, '\\$&')} and ${sender} is set`),
      );
    }
    expect(loadConfig({ HOST: '0.0.0.0', SMTP_URL: 'smtp://mail.example.com', PUBLIC_URL: 'https://suporte.example.com.br' }).publicUrl).toBe('https://suporte.example.com.br');
    // Nothing leaves the server, or it is reached at the address it listens on: no PUBLIC_URL needed.
    expect(() => loadConfig({ HOST: '0.0.0.0' })).not.toThrow();
    expect(() => loadConfig({ HOST: '203.0.113.7', SMTP_URL: 'smtp://mail.example.com' })).not.toThrow();
  });

  it('writes links to an IPv6 host as a valid URL, and to a wildcard host as localhost', () => {
    expect(serverOrigin(loadConfig({ PORT: '8080', HOST: '::1' }))).toBe('http://[::1]:8080');
    expect(new URL(`${serverOrigin(loadConfig({ PORT: '8080', HOST: '::' }))}/pt-br/ticket/`).origin).toBe('http://localhost:8080');
    expect(['0.0.0.0', '::', '[::]', '::0'].every(isWildcardHost)).toBe(true);
    expect(['localhost', '127.0.0.1', '::1', 'suporte.example.com'].some(isWildcardHost)).toBe(false);
  });

  it('takes the server secret from SERVER_SECRET, at least 32 characters, and never prints it', () => {
    expect(loadConfig({ SERVER_SECRET: 's'.repeat(32) }).serverSecret).toBe('s'.repeat(32));
    expect(loadConfig({}).serverSecret).toBeUndefined();
    const attempt = () => loadConfig({ SERVER_SECRET: 'almost-the-real-secret', CUSTOMER_TOKEN_SECRET: 'another-short-one' });
    expect(attempt).toThrow(/SERVER_SECRET: at least 32 characters \(found 22 characters\)/);
    expect(attempt).toThrow(/CUSTOMER_TOKEN_SECRET: at least 32 characters \(found 17 characters\)/);
    expect(attempt).not.toThrow(/almost-the-real-secret|another-short-one/);
  });

  it('checks signed status updates with STATUS_WEBHOOK_SECRET, else the outgoing webhook\'s secret, and never prints it', () => {
    const own = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
    const outgoing = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;
    expect(loadConfig({ STATUS_WEBHOOK_SECRET: own, WEBHOOK_SECRET: outgoing }).statusWebhookSecret).toBe(own);
    expect(loadConfig({ WEBHOOK_SECRET: outgoing }).statusWebhookSecret).toBe(outgoing);
    expect(loadConfig({}).statusWebhookSecret).toBeUndefined();
    const attempt = () => loadConfig({ STATUS_WEBHOOK_SECRET: 'my-helpdesk-password' });
    expect(attempt).toThrow(/STATUS_WEBHOOK_SECRET: expected "whsec_" followed by base64 of 24 to 64 random bytes.*\(found 20 characters\)/);
    expect(attempt).not.toThrow(/my-helpdesk-password/);
  });

  it('limits votes and search events per client per minute, and keeps them a year unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ voteLimit: 30, eventLimit: 60, analyticsRetentionDays: 365 });
    expect(loadConfig({ VOTE_LIMIT: '5', EVENT_LIMIT: '20', ANALYTICS_RETENTION_DAYS: '90' })).toMatchObject({ voteLimit: 5, eventLimit: 20, analyticsRetentionDays: 90 });
    expect(() => loadConfig({ VOTE_LIMIT: '0', EVENT_LIMIT: 'lots' })).toThrow(/VOTE_LIMIT: .*found "0"[\s\S]*EVENT_LIMIT: .*found "lots"/);
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

  it('takes TRUST_PROXY as one proxy, a number of proxies or their addresses, and the connection limits, naming a wrong one', () => {
    const base = { CONTENT_DIR: 'content' };
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'the nginx box' })).toThrow(/TRUST_PROXY: true, false, a number of proxies/);
    expect(loadConfig({ ...base, MAX_CONNECTIONS_PER_CLIENT: '8', HEADERS_TIMEOUT_SECONDS: '5' }).connections).toMatchObject({ maxConnectionsPerClient: 8, headersTimeoutMs: 5000 });
    expect(() => loadConfig({ ...base, REQUEST_TIMEOUT_SECONDS: 'never' })).toThrow(ConfigError);
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
