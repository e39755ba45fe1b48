import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { limits } from '../../../core/contract/limits.ts';
import type { SearchEvent } from '../../../core/contract/search-event.ts';
import { eventsEndpointFor, postEvent } from './events-client.ts';

const endpoint = 'https://api.test/api/events';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The events API, answering with `answer`; resolves with the first body it receives. */
function eventsApi(answer: () => Response = () => new HttpResponse(null, { status: 204 })) {
  let calls = 0;
  const body = new Promise<{ contentType: string | null; body: unknown }>((resolve) => {
    server.use(
      http.post(endpoint, async ({ request }) => {
        calls++;
        resolve({ contentType: request.headers.get('Content-Type'), body: await request.json() });
        return answer();
      }),
    );
  });
  return { body, calls: () => calls };
}

describe('search events', () => {
  it('a deflection is posted once as JSON with the query, language and article', async () => {
    const api = eventsApi();

    postEvent(endpoint, { type: 'deflected', query: ' erro 550 ', lang: 'pt-BR', article: 'https://kb.test/pt-br/email/erro-550/' });

    expect(await api.body).toStrictEqual({
      contentType: 'application/json',
      body: { type: 'deflected', query: 'erro 550', lang: 'pt-BR', article: 'https://kb.test/pt-br/email/erro-550/' },
    });
  });

  it('is sent with keepalive so it survives the customer leaving the page', () => {
    const send = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));

    postEvent(endpoint, { type: 'search-miss', query: 'xyz', lang: 'it' }, send);

    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', keepalive: true, body: '{"type":"search-miss","query":"xyz","lang":"it"}' });
  });

  it("cuts a pasted wall of text to the contract's query limit", async () => {
    const api = eventsApi();

    postEvent(endpoint, { type: 'search', query: 'x'.repeat(5000), lang: 'pt-BR' });

    expect(((await api.body).body as SearchEvent).query).toHaveLength(limits.searchQuery.max);
  });

  it('a server error is neither retried nor noticed', async () => {
    const api = eventsApi(() => new HttpResponse(null, { status: 503 }));

    expect(() => postEvent(endpoint, { type: 'search', query: 'dns', lang: 'pt-BR' })).not.toThrow();
    await api.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.calls()).toBe(1);
  });

  it('an unreachable server, a rejecting or a throwing fetch never reach the customer', async () => {
    server.use(http.post(endpoint, () => HttpResponse.error()));

    expect(() => postEvent(endpoint, { type: 'search', query: 'dns', lang: 'pt-BR' })).not.toThrow();
    expect(() => postEvent(endpoint, { type: 'search', query: 'dns', lang: 'pt-BR' }, () => Promise.reject(new TypeError('offline')))).not.toThrow();
    expect(() =>
      postEvent(endpoint, { type: 'search', query: 'dns', lang: 'pt-BR' }, () => {
        throw new TypeError('blocked');
      }),
    ).not.toThrow();
    // An unhandled rejection would fail the run after this point.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});

describe('events endpoint', () => {
  it('is /api/events on the ticket endpoint\'s origin', () => {
    expect(eventsEndpointFor('https://api.example.com/api/tickets')).toBe('https://api.example.com/api/events');
    expect(eventsEndpointFor('https://api.example.com:8443/v2/support/tickets?x=1')).toBe('https://api.example.com:8443/api/events');
  });

  it('stays on the page\'s origin for a relative endpoint', () => {
    expect(eventsEndpointFor('/api/tickets')).toBe('/api/events');
    vi.stubGlobal('location', new URL('https://www.nuvolo.example/pt-br/suporte/'));
    try {
      expect(eventsEndpointFor('/api/tickets')).toBe('https://www.nuvolo.example/api/events');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("carries the widget session's random id, and nothing it was not given", async () => {
    const api = eventsApi();
    postEvent(endpoint, { type: 'ticket-sent', query: '', lang: 'it', session: 'c0ffee00-1111-4222-8333-444455556666' });
    expect((await api.body).body).toEqual({ type: 'ticket-sent', query: '', lang: 'it', session: 'c0ffee00-1111-4222-8333-444455556666' });
  });
});
