/**
 * "Was this helpful?" votes without the DOM: remembers the visitor's vote per article and language,
 * and delivers it through a localStorage outbox so a vote cast while the API is down is sent later.
 */
import { limits } from '../../../../core/contract/limits.ts';
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import type { Vote as VoteBody, VoteCounts as Counts } from '../../../../core/contract/vote.ts';

/** The visitor's vote as remembered in this browser. */
export interface Vote {
  helpful: boolean;
  comment?: string;
  at: number;
}

/** What the votes API receives (`POST {endpoint}`, answered with 204) and the counts it gives back. */
export type { VoteBody, Counts };

/** A vote waiting in the outbox; `due` is when the next try may happen (backoff). */
interface Pending {
  endpoint: string;
  body: VoteBody;
  tries: number;
  due: number;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export interface VoteClientOptions {
  /** Defaults to localStorage. */
  storage?: KeyValueStore;
  /** Defaults to the global fetch, looked up on every call. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Milliseconds before a request is abandoned (and, for a vote, retried later). */
  timeout?: number;
}

const prefix = 'support-kit:';
const outboxKey = 'vote-outbox';

export type VoteClient = ReturnType<typeof createVoteClient>;

export function createVoteClient({
  storage,
  fetch: send = (input, init) => fetch(input, init),
  now = Date.now,
  timeout = 10_000,
}: VoteClientOptions = {}) {
  let store: KeyValueStore;
  try {
    store = storage ?? localStorage;
    store.getItem(prefix);
  } catch {
    // Storage blocked (cookies off, sandboxed frame): votes still go out, only remembered for this page.
    const memory = new Map<string, string>();
    store = { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  }
  const get = (key: string): string | null => store.getItem(prefix + key);
  const set = (key: string, value: string): void => {
    try {
      store.setItem(prefix + key, value);
    } catch {
      // Quota full: voting must not fail because of it.
    }
  };
  const read = <T>(key: string): T | null => {
    try {
      return JSON.parse(get(key) ?? 'null') as T | null;
    } catch {
      return null;
    }
  };
  const outbox = (): Record<string, Pending> => read(outboxKey) ?? {};

  /** A random id this browser keeps, so a changed vote replaces the earlier one on the server. */
  function voterId(): string {
    let id = get('voter');
    if (!id) set('voter', (id = crypto.randomUUID()));
    return id;
  }

  /** The vote this browser cast on the article, if any. */
  function remembered(articleId: string, lang: ContentLanguage): Vote | null {
    const vote = read<Vote>(`vote:${lang}:${articleId}`);
    return typeof vote?.helpful == 'boolean' ? vote : null;
  }

  /** Remembers the vote, puts it in the outbox (replacing one still pending there) and flushes. */
  function vote(endpoint: string, articleId: string, lang: ContentLanguage, helpful: boolean, comment?: string) {
    comment = comment?.trim().slice(0, limits.voteComment.max) || undefined;
    set(`vote:${lang}:${articleId}`, JSON.stringify({ helpful, comment, at: now() }));
    const box = outbox();
    // JSON.stringify leaves out an undefined comment, so the body is exactly the contract's.
    box[`${lang}:${articleId}`] = { endpoint, body: { articleId, lang, helpful, voterId: voterId(), comment }, tries: 0, due: 0 };
    set(outboxKey, JSON.stringify(box));
    return flush();
  }

  /** True when the item is done with: delivered, or refused in a way no retry can fix. */
  async function settled({ endpoint, body }: Pending): Promise<boolean> {
    try {
      const { status } = await send(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        keepalive: true, // survives the visitor leaving the page right after voting
        signal: AbortSignal.timeout(timeout),
      });
      if (status < 300 || status > 499 || status == 408 || status == 429) return status < 300;
      console.warn(`[support-kit] vote dropped: the API answered ${status}`);
      return true;
    } catch {
      return false; // offline, DNS, timeout: try again later
    }
  }

  async function drain(all: boolean): Promise<number | undefined> {
    for (const [key, item] of Object.entries(outbox())) {
      if (!all && item.due > now()) continue;
      const done = await settled(item);
      const box = outbox();
      const current = box[key];
      // A newer vote replaced this one while it was in flight: keep the newer one pending.
      if (!current || JSON.stringify(current.body) != JSON.stringify(item.body)) continue;
      if (done) delete box[key];
      else current.due = now() + Math.min(5_000 * 2 ** ++current.tries, 3_600_000);
      set(outboxKey, JSON.stringify(box));
    }
    const dues = Object.values(outbox()).map((item) => item.due);
    return dues.length ? Math.max(0, Math.min(...dues) - now()) : undefined;
  }

  let queue: Promise<unknown> = Promise.resolve();
  /**
   * Sends the outbox's due votes (all of them when `all`, e.g. back online), one flush at a time so
   * a vote is never sent twice by overlapping flushes. Resolves to the ms until the next retry is due.
   */
  function flush(all = false): Promise<number | undefined> {
    const run = queue.then(() => drain(all));
    queue = run;
    return run;
  }

  /** `GET {endpoint}/{articleId}?lang=`; null on any failure or answer that is not two sane counts. */
  async function fetchCounts(endpoint: string, articleId: string, lang: ContentLanguage): Promise<Counts | null> {
    try {
      const url = `${endpoint.replace(/\/$/, '')}/${encodeURIComponent(articleId)}?lang=${encodeURIComponent(lang)}`;
      const response = await send(url, { signal: AbortSignal.timeout(timeout) });
      const { helpful, total } = (await response.json()) as Counts;
      const sane = response.ok && Number.isInteger(helpful) && Number.isInteger(total) && helpful >= 0 && helpful <= total;
      return sane ? { helpful, total } : null;
    } catch {
      return null;
    }
  }

  return { voterId, remembered, vote, flush, fetchCounts };
}

/**
 * The counts as they stand with the visitor's `current` vote, given server counts that already
 * include `counted` (the vote remembered when they were fetched): the optimistic update after voting.
 */
export function recount({ helpful, total }: Counts, counted: Vote | null, current: Vote | null): Counts {
  return {
    helpful: Math.max(0, helpful - Number(counted?.helpful === true) + Number(current?.helpful === true)),
    total: Math.max(0, total - Number(!!counted) + Number(!!current)),
  };
}
