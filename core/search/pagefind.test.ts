/**
 * The loader over a fake Pagefind that behaves like the real one where it matters: words must all
 * match, a word matches the longer words it begins, and a word with no such match falls back to the
 * longest indexed word that begins it ("as" for "asdfgh"). The relevance suite (test/build/) runs
 * the real bundles in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { loadKbSearch, unmarkStopWords } from './pagefind.ts';

interface Page {
  id: string;
  department: string;
  title: string;
  body: string;
}

const pages: Page[] = [
  { id: 'ftp', department: 'technical', title: 'Acesso FTP', body: 'o filezilla mostra 530 login authentication failed quando a senha do ftp esta errada' },
  { id: 'site', department: 'technical', title: 'Site fora do ar', body: 'quando o site esta fora do ar veja o painel o site pode ter sido suspenso' },
  { id: 'fatura', department: 'billing', title: 'Faturas', body: 'as faturas vencem todo mes e o site fica suspenso quando elas nao sao pagas as vezes' },
];

const wordsOf = (page: Page) => page.body.split(' ');

/** Pagefind's search, in miniature: quoted phrases in a row, loose words by prefix (or its fallback), all words ANDed. */
function fakePagefind() {
  const searched: string[] = [];
  const result = (page: Page, score: number, marked: string[]) => ({
    id: page.id,
    score,
    words: [0],
    data: () =>
      Promise.resolve({
        url: `/pt-br/${page.id}/`,
        excerpt: wordsOf(page).map((w) => (marked.includes(w) ? `<mark>${w}</mark>` : w)).join(' '),
        meta: { title: page.title },
        filters: { department: [page.department] },
      }),
  });
  const vocabulary = [...new Set(pages.flatMap(wordsOf))];
  return {
    searched,
    module: {
      options: () => Promise.resolve(),
      init: () => Promise.resolve(),
      search(term: string | null, options: { filters?: Record<string, string> } = {}) {
        searched.push(term ?? '');
        const candidates = pages.filter((p) => !options.filters?.department || p.department === options.filters.department);
        const quoted = /^"(.*)"$/.exec(term ?? '');
        if (quoted) {
          const phrase = quoted[1]!;
          return Promise.resolve({ results: candidates.filter((p) => ` ${p.body} `.includes(` ${phrase} `)).map((p) => result(p, 1, phrase.split(' '))) });
        }
        const matches = (term ?? '').split(' ').map((word) => {
          const longer = vocabulary.filter((v) => v.startsWith(word));
          return longer.length ? longer : vocabulary.filter((v) => word.startsWith(v)).sort((a, b) => b.length - a.length).slice(0, 1);
        });
        const found = candidates.filter((p) => matches.every((m) => m.some((w) => wordsOf(p).includes(w))));
        return Promise.resolve({ results: found.map((p) => result(p, 2 * wordsOf(p).filter((w) => matches.flat().includes(w)).length, matches.flat())) });
      },
    },
  };
}

async function engine(vocabulary?: unknown) {
  const fake = fakePagefind();
  const fetcher = () => Promise.resolve(vocabulary ? Response.json(vocabulary) : new Response('not found', { status: 404 }));
  const search = await loadKbSearch('https://kb.example/pagefind/pt-br/', () => Promise.resolve(fake.module), fetcher);
  return { search, searched: fake.searched };
}

const slugs = (hits: { url: string }[]) => hits.map((h) => new URL(h.url).pathname.split('/')[2]);

describe('searching a knowledge base', () => {
  it('finds the article a pasted error names, first, with a link on the KB', async () => {
    const { search } = await engine();
    const hits = await search.search('530 Login authentication failed');
    expect(slugs(hits)[0]).toBe('ftp');
    expect(hits[0]!.url).toBe('https://kb.example/pt-br/ftp/');
  });

  it('finds nothing for nonsense, though Pagefind matched "as" for "asdfgh"', async () => {
    const { search } = await engine();
    expect(await search.search('asdfgh')).toEqual([]);
    expect(await search.search('qwzxkj vezes')).toEqual([]);
  });

  it('searches without synonyms when the KB publishes none, and with them when it does', async () => {
    expect(slugs(await (await engine()).search.search('site caiu'))).not.toContain('fatura');
    const withSynonyms = await engine({ groups: [['caiu', 'fora do ar', 'suspenso']] });
    expect(slugs(await withSynonyms.search.search('meu site caiu'))[0]).toBe('site');
    expect(withSynonyms.searched).toContain('"fora do ar"');
  });

  it('searches only the chosen department', async () => {
    const { search } = await engine();
    expect(slugs(await search.search('site suspenso', { department: 'billing' }))).toEqual(['fatura']);
  });

  it('never marks a stop word in an excerpt', () => {
    expect(unmarkStopWords('o site <mark>fora</mark> <mark>do</mark> <mark>ar</mark>, <mark>não</mark> abre')).toBe('o site <mark>fora</mark> do <mark>ar</mark>, não abre');
  });
});
