import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedOrigin, fromAddress, testServer, ticket, type TestServer } from '../test-support.ts';
import { securityHeaders } from './answer-headers.ts';

let server: TestServer | undefined;
afterEach(() => {
  server?.cleanup();
  server = undefined;
});

/** An answer's headers as a plain object, without those that describe its own body. */
const shared = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => !['content-type', 'content-length', 'location', 'date'].includes(name)));

describe('the headers every answer carries', () => {
  it("are what hono's secureHeaders sent with the options the server used", async () => {
    const app = new Hono();
    const permissionsPolicy = { camera: [], microphone: [], geolocation: [], payment: [], usb: [] };
    app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, contentSecurityPolicy: undefined, strictTransportSecurity: false, permissionsPolicy }));
    app.get('/', (c) => c.body(null, 204));
    const sent = Object.fromEntries((await app.request('/')).headers);
    expect(sent).toEqual(Object.fromEntries(Object.entries(securityHeaders).map(([name, value]) => [name.toLowerCase(), value])));
  });

  it("are on a new ticket's answer (built with them) exactly as on any other API answer, CORS and HSTS over https included", async () => {
    server = testServer({ TRUST_PROXY: 'true' });
    const app = server.app;
    const post = (body: unknown, headers: Record<string, string>) =>
      app.request(
        '/api/tickets',
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...headers }, body: JSON.stringify(body) },
        fromAddress('10.0.0.1'),
      );
    const variants: Record<string, string>[] = [{ Origin: allowedOrigin }, { Origin: allowedOrigin, 'X-Forwarded-Proto': 'https' }, {}, { 'X-Forwarded-Proto': 'https' }];
    for (const headers of variants) {
      const created = await post(ticket(), headers);
      expect(created.status).toBe(201);
      const refused = await post(ticket({ department: 'no-such-department' }), headers); // a problem answer: headers added one by one
      expect(refused.status).toBe(422);
      expect(shared(created), JSON.stringify(headers)).toEqual(shared(refused));
      expect(created.headers.get('Content-Type')).toBe('application/json');
      expect(created.headers.get('Location')).toMatch(/^\/api\/tickets\/BR-\d{6}$/);
      expect(created.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(created.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
      expect(created.headers.get('Access-Control-Allow-Origin')).toBe('Origin' in headers ? allowedOrigin : null);
      expect(created.headers.get('Strict-Transport-Security')).toBe('X-Forwarded-Proto' in headers ? 'max-age=31536000' : null);
    }
  });
});
