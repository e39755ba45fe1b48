/**
 * The deflection index built from a handful of articles and searched through the loader the widget
 * runs, over an in-memory "KB" that counts what it is asked for. The relevance suite
 * (test/build/search-relevance.test.ts) runs the real index in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { buildDeflectionIndex, type DeflectionArticle } from './deflection-build.ts';
import { bundleUrl, DeflectionIndexError, loadDeflectionSearch, markSummary } from './deflection.ts';

const article = (slug: string, department: string, fields: Partial<DeflectionArticle>): DeflectionArticle => ({
  path: `/pt-br/${slug}/`,
  title: slug,
  department,
  summary: '',
  symptoms: [],
  errors: [],
  headings: [],
  ...fields,
});

const articles: DeflectionArticle[] = [
  article('site-fora-do-ar', 'technical', {
    title: 'Site fora do ar: o que conferir',
    summary: 'Quando o site não abre: a sua rede, o domínio, o DNS e as faturas.',
    symptoms: ['site caiu', 'site não abre'],
    errors: ['ERR_CONNECTION_TIMED_OUT', '503 Service Unavailable'],
    headings: ['Confira o DNS'],
  }),
  article('acesso-ftp', 'technical', {
    title: 'Acesso por FTP e SFTP',
    summary: 'Como entrar por FTP com o FileZilla e o que fazer quando a senha é recusada.',
    errors: ['530 Login authentication failed'],
    headings: ['Senha recusada'],
  }),
  article('email-nao-chega', 'technical', {
    title: 'E-mail não chega na caixa de entrada',
    summary: 'Mensagens que não chegam: filtros, caixa cheia, registros MX.',
    symptoms: ['email não chega', 'não recebo emails'],
    errors: ['550 5.1.1 User unknown'],
  }),
  article('faturas-e-pagamentos', 'billing', {
    title: 'Faturas e pagamentos',
    summary: 'Boleto, cartão e Pix: quando vence a fatura e o que acontece com o site suspenso.',
    symptoms: ['paguei e continua suspenso'],
    headings: ['Site suspenso por falta de pagamento'],
  }),
  article('certificado-ssl', 'technical', {
    title: 'Certificado SSL: instalar e renovar',
    summary: 'O cadeado, o certificado expirado e o aviso de conexão não segura.',
    errors: ['NET::ERR_CERT_DATE_INVALID'],
  }),
];

const vocabulary = { groups: [['fora do ar', 'caiu', 'não abre', 'indisponível']], stopWords: ['como', 'quando'] };

/** A KB serving the index from memory; `asked` lists the files fetched. */
function kb(files = buildDeflectionIndex(articles, { language: 'pt-BR', vocabulary, hash: fakeHash, shardChars: 300, blockSize: 2 }).files) {
  const asked: string[] = [];
  const served = new Map(files.map((f) => [f.name, f.json]));
  const fetcher = ((url: string) => {
    const name = new URL(url).pathname.split('/').at(-1) ?? '';
    asked.push(name);
    const body = served.get(name);
    return Promise.resolve(body === undefined ? new Response('not found', { status: 404 }) : new Response(body));
  }) as typeof fetch;
  return { asked, served, load: () => loadDeflectionSearch(bundleUrl('https://kb.example', 'pt-br'), fetcher) };
}

function fakeHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const slugs = (hits: { url: string }[]) => hits.map((h) => h.url.split('/').at(-2));

describe('the deflection index', () => {
  it('finds the article a customer describes in their own words, first', async () => {
    const search = await kb().load();
    expect(slugs(await search.search('meu site caiu')).at(0)).toBe('site-fora-do-ar');
    expect(slugs(await search.search('o email não chega')).at(0)).toBe('email-nao-chega');
  });

  it('finds a pasted error by its code, and a programmer name by its parts', async () => {
    const search = await kb().load();
    expect(slugs(await search.search('530 Login authentication failed')).at(0)).toBe('acesso-ftp');
    expect(slugs(await search.search('NET::ERR_CERT_DATE_INVALID no chrome')).at(0)).toBe('certificado-ssl');
  });

  it('finds a still-typed word by its longer form', async () => {
    const search = await kb().load();
    expect(slugs(await search.search('certific expir')).at(0)).toBe('certificado-ssl');
  });

  it('finds nothing for nonsense, nor for a word every article shares', async () => {
    const search = await kb().load();
    expect(await search.search('xilofone quântico')).toEqual([]);
    expect(await search.search('qwzxkj')).toEqual([]);
  });

  it('takes a related form of one word among words no article has for chance, and of most words for typing', async () => {
    const search = await kb().load();
    // "certifica" relates to "certificado", but a sentence otherwise unknown is not about certificates.
    expect(await search.search('girafa azulada certifica')).toEqual([]);
    expect(slugs(await search.search('girafa certific expir')).at(0)).toBe('certificado-ssl');
  });

  it('keeps to the department asked for', async () => {
    const search = await kb().load();
    expect(slugs(await search.search('site suspenso', { department: 'billing' }))).toEqual(['faturas-e-pagamentos']);
    expect(slugs(await search.search('meu site caiu', { department: 'billing' }))).not.toContain('site-fora-do-ar');
  });

  it('answers with the address on the KB, the title and the summary with the matched words marked, never a stop word', async () => {
    const [hit] = await (await kb().load()).search('quando o site não abre');
    expect(hit).toMatchObject({ url: 'https://kb.example/pt-br/site-fora-do-ar/', title: 'Site fora do ar: o que conferir', department: 'technical' });
    expect(hit!.excerpt).toContain('<mark>site</mark>');
    expect(hit!.excerpt).not.toMatch(/<mark>(quando|o|não)<\/mark>/i);
  });

  it('fetches the manifest once, only the word ranges a query needs, and only the blocks of the articles shown', async () => {
    const { asked, served, load } = kb();
    const search = await load();
    await search.search('530 Login authentication failed');
    const ranges = [...served.keys()].filter((n) => n.startsWith('terms-'));
    const fetchedRanges = asked.filter((n) => n.startsWith('terms-'));
    expect(ranges.length).toBeGreaterThan(fetchedRanges.length);
    expect(asked.filter((n) => n.startsWith('articles-'))).toEqual([expect.stringMatching(/^articles-0\./)]);
    await search.search('530 Login authentication failed');
    expect(asked.filter((n) => n === 'index.json')).toHaveLength(1);
    expect(asked.length).toBe(1 + fetchedRanges.length + 1);
  });

  it('names every file but the manifest by its content, so hosts can cache them for good', () => {
    const { files, manifest } = buildDeflectionIndex(articles, { language: 'pt-BR', vocabulary, hash: fakeHash });
    for (const file of files.filter((f) => f.name !== 'index.json')) expect(file.name).toMatch(new RegExp(`^(terms|articles)-\\d+\\.${fakeHash(file.json)}\\.json$`));
    expect(manifest.articles).toBe(articles.length);
  });

  it('refuses a manifest that is missing or malformed, naming the file', async () => {
    const missing = kb([]);
    await expect(missing.load()).rejects.toThrow(DeflectionIndexError);
    await expect(missing.load()).rejects.toThrow('https://kb.example/deflection/pt-br/index.json: HTTP 404');
    const malformed = kb([{ name: 'index.json', json: '{"version":1,"articles":"many"}' }]);
    await expect(malformed.load()).rejects.toThrow(/index\.json: not a deflection index file/);
  });

  it('fails the search, not the page, when a word range is malformed', async () => {
    const { files } = buildDeflectionIndex(articles, { language: 'pt-BR', vocabulary, hash: fakeHash, shardChars: 300 });
    const broken = files.map((f) => (f.name.startsWith('terms-') ? { ...f, json: '{"terms":{"ftp":"yes"}}' } : f));
    const search = await kb(broken).load();
    await expect(search.search('ftp')).rejects.toThrow(DeflectionIndexError);
  });
});

describe('excerpts', () => {
  it('mark the matched words, escape the rest, and leave negations alone', () => {
    expect(markSummary('O site <não> abre & cai', new Set(['site', 'nao', 'abre']))).toBe('O <mark>site</mark> &lt;não&gt; <mark>abre</mark> &amp; cai');
  });
});
