import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createVoteClient, recount, type VoteClientOptions } from './vote-client.ts';

const endpoint = 'https://kb.test/api/votes';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** localStorage as far as the client uses it, in memory, so "reloads" can share it. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}

/** The votes API: records every body it receives and answers with `answer()` (204 by default). */
function votesApi(answer: () => Response | Promise<Response> = () => new HttpResponse(null, { status: 204 })) {
  const received: unknown[] = [];
  server.use(
    http.post(endpoint, async ({ request }) => {
      received.push(await request.json());
      return answer();
    }),
  );
  return received;
}

/** One page load: a fresh client over the browser's storage, with a clock the test moves. */
function page(storage: Storage, options: VoteClientOptions = {}) {
  const clock = { now: 1_000_000 };
  const client = createVoteClient({ storage, now: () => clock.now, ...options });
  return { client, clock };
}

const outbox = (storage: Storage) => JSON.parse(storage.getItem('support-kit:vote-outbox') ?? '{}') as object;

describe('voting', () => {
  it('a vote sends one request with exactly the article, language, answer and voter id', async () => {
    const received = votesApi();
    const storage = new MemoryStorage();
    const { client } = page(storage);

    await client.vote(endpoint, 'email-client-setup', 'pt-BR', true);

    const voterId = storage.getItem('support-kit:voter');
    expect(voterId).toMatch(/^[0-9a-f-]{36}$/);
    expect(received).toStrictEqual([{ articleId: 'email-client-setup', lang: 'pt-BR', helpful: true, voterId }]);
    expect(outbox(storage)).toStrictEqual({});
  });

  it('a "no" with a comment sends the trimmed comment, cut at 500 characters', async () => {
    const received = votesApi();
    const { client } = page(new MemoryStorage());

    await client.vote(endpoint, 'dns', 'it', false, `  ${'x'.repeat(600)}  `);

    expect(received).toStrictEqual([
      { articleId: 'dns', lang: 'it', helpful: false, voterId: client.voterId(), comment: 'x'.repeat(500) },
    ]);
  });

  it('the visitor keeps one voter id across pages and articles', async () => {
    const received = votesApi();
    const storage = new MemoryStorage();

    await page(storage).client.vote(endpoint, 'a', 'it', true);
    await page(storage).client.vote(endpoint, 'b', 'it', false);

    const [first, second] = received as { voterId: string }[];
    expect(first?.voterId).toBe(second?.voterId);
  });

  it('the remembered vote is still shown after a reload, and can be changed', async () => {
    votesApi();
    const storage = new MemoryStorage();
    await page(storage).client.vote(endpoint, 'dns', 'it', false, 'Manca il record MX');

    const { client } = page(storage);
    expect(client.remembered('dns', 'it')).toStrictEqual({ helpful: false, comment: 'Manca il record MX', at: 1_000_000 });
    expect(client.remembered('dns', 'pt-BR')).toBeNull();

    await client.vote(endpoint, 'dns', 'it', true);
    expect(page(storage).client.remembered('dns', 'it')).toMatchObject({ helpful: true });
  });
});

describe('when the votes API is down', () => {
  it.each([
    ['the network fails', () => HttpResponse.error()],
    ['the API answers 503', () => new HttpResponse(null, { status: 503 })],
    ['the API answers 429', () => new HttpResponse(null, { status: 429 })],
  ])('if %s, the vote is kept and the next page load sends it exactly once', async (_, down) => {
    const storage = new MemoryStorage();
    const failed = votesApi(down);
    const retryIn = await page(storage).client.vote(endpoint, 'dns', 'pt-BR', true);

    expect(failed).toHaveLength(1);
    expect(retryIn).toBeGreaterThan(0);
    expect(page(storage).client.remembered('dns', 'pt-BR')).toMatchObject({ helpful: true });

    server.resetHandlers();
    const received = votesApi();
    const next = page(storage);
    next.clock.now += 3_600_000; // the backoff has passed
    expect(await next.client.flush()).toBeUndefined();
    await next.client.flush();
    await page(storage).client.flush(true);

    expect(received).toMatchObject([{ articleId: 'dns', lang: 'pt-BR', helpful: true }]);
    expect(outbox(storage)).toStrictEqual({});
  });

  it('a request that times out is retried later', async () => {
    const storage = new MemoryStorage();
    votesApi(async () => {
      await delay('infinite');
      return new HttpResponse(null, { status: 204 });
    });
    expect(await page(storage, { timeout: 50 }).client.vote(endpoint, 'dns', 'it', true)).toBeGreaterThan(0);

    server.resetHandlers();
    const received = votesApi();
    await page(storage).client.flush(true);
    expect(received).toHaveLength(1);
  });

  it('retries wait for the backoff, but coming back online sends at once', async () => {
    const storage = new MemoryStorage();
    votesApi(() => HttpResponse.error());
    const { client, clock } = page(storage);
    const first = await client.vote(endpoint, 'dns', 'it', true);
    clock.now += first!;
    const second = await client.flush();
    expect(second).toBeGreaterThan(first!); // each failure waits longer

    server.resetHandlers();
    const received = votesApi();
    await client.flush();
    expect(received).toHaveLength(0);
    await client.flush(true); // the window's `online` event
    expect(received).toHaveLength(1);
  });

  it('changing the vote while offline sends only the latest answer', async () => {
    const storage = new MemoryStorage();
    votesApi(() => HttpResponse.error());
    const { client } = page(storage);
    await client.vote(endpoint, 'dns', 'it', true);
    await client.vote(endpoint, 'dns', 'it', false, 'Non spiega il TTL');
    await client.vote(endpoint, 'other', 'it', true);

    server.resetHandlers();
    const received = votesApi();
    await page(storage).client.flush(true);

    expect(received).toHaveLength(2);
    expect(received).toContainEqual(expect.objectContaining({ articleId: 'dns', helpful: false, comment: 'Non spiega il TTL' }));
    expect(received).toContainEqual(expect.objectContaining({ articleId: 'other', helpful: true }));
  });

  it('a vote changed while the first is still in flight is sent after it, and nothing stays pending', async () => {
    const storage = new MemoryStorage();
    let release = () => {};
    const received = votesApi(async () => {
      if (received.length == 1) await new Promise<void>((resolve) => (release = resolve));
      return new HttpResponse(null, { status: 204 });
    });
    const { client } = page(storage);
    const first = client.vote(endpoint, 'dns', 'it', true);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const second = client.vote(endpoint, 'dns', 'it', false);
    release();
    await Promise.all([first, second]);
    await client.flush(true);

    expect(received).toMatchObject([{ helpful: true }, { helpful: false }]);
    expect(outbox(storage)).toStrictEqual({});
  });

  it('a vote the API rejects with 400 is dropped quietly, never retried, and still shown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const received = votesApi(() => HttpResponse.json({ title: 'Bad vote' }, { status: 400 }));
    const { client } = page(storage);

    expect(await client.vote(endpoint, 'dns', 'it', true)).toBeUndefined();
    await client.flush(true);

    expect(received).toHaveLength(1);
    expect(outbox(storage)).toStrictEqual({});
    expect(client.remembered('dns', 'it')).toMatchObject({ helpful: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[support-kit]'));
  });

  it('a browser that blocks storage still sends the vote', async () => {
    const received = votesApi();
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {},
    };
    const { client } = page(blocked as unknown as Storage);

    await client.vote(endpoint, 'dns', 'it', true);

    expect(received).toHaveLength(1);
    expect(client.remembered('dns', 'it')).toMatchObject({ helpful: true });
  });
});

describe('counts', () => {
  it('counts come back as helpful out of total for the article and language', async () => {
    let url = '';
    server.use(
      http.get(`${endpoint}/:articleId`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ helpful: 7, total: 9 });
      }),
    );
    const { client } = page(new MemoryStorage());

    expect(await client.fetchCounts(endpoint, 'dns e mx', 'pt-BR')).toStrictEqual({ helpful: 7, total: 9 });
    expect(url).toBe(`${endpoint}/dns%20e%20mx?lang=pt-BR`);
  });

  it.each([
    ['the API answers 500', () => HttpResponse.json({ helpful: 1, total: 2 }, { status: 500 })],
    ['the network fails', () => HttpResponse.error()],
    ['the answer is not JSON', () => HttpResponse.text('<html>')],
    ['the numbers make no sense', () => HttpResponse.json({ helpful: 5, total: 2 })],
    ['a number is missing', () => HttpResponse.json({ total: 2 })],
  ])('no counts are shown when %s', async (_, answer) => {
    server.use(http.get(`${endpoint}/:articleId`, answer));
    const { client } = page(new MemoryStorage());
    expect(await client.fetchCounts(endpoint, 'dns', 'it')).toBeNull();
  });

  it('after voting the counts include the vote, and changing it moves it to the other answer', () => {
    const yes = { helpful: true, at: 1 };
    const no = { helpful: false, at: 2 };
    expect(recount({ helpful: 3, total: 5 }, null, yes)).toStrictEqual({ helpful: 4, total: 6 });
    expect(recount({ helpful: 4, total: 6 }, yes, no)).toStrictEqual({ helpful: 3, total: 6 });
    expect(recount({ helpful: 0, total: 0 }, no, no)).toStrictEqual({ helpful: 0, total: 0 });
  });
});
