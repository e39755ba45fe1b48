import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../../core/node/load-support-config.ts';
import {
  bodyStartLine,
  componentCheck,
  contentCheckMode,
  crossCheck,
  defaultContentCheckMode,
  editorComponents,
  editorialCheck,
  findPromises,
  promisePatterns,
  type ArticleRef,
  type ArticleSource,
} from './content-rules.ts';

const topics = new Set(['email', 'account']);
const article = (id: string, language: 'pt-BR' | 'it', translationKey: string, articleTopics = ['email']): ArticleRef => ({
  id,
  filePath: `content/${id}.mdx`,
  data: { language, translationKey, topics: articleTopics },
});

describe('content rules across articles', () => {
  it('accepts a translated pair', () => {
    expect(crossCheck([article('pt-br/configurar-email', 'pt-BR', 'email-setup'), article('it/configurare-posta', 'it', 'email-setup')], topics)).toEqual([]);
  });

  it('accepts an article that is not translated yet', () => {
    expect(crossCheck([article('pt-br/configurar-email', 'pt-BR', 'email-setup')], topics)).toEqual([]);
  });

  it('names an Italian article filed in the Portuguese folder', () => {
    expect(crossCheck([article('pt-br/configurare-posta', 'it', 'email-setup')], topics)).toEqual([
      'content/pt-br/configurare-posta.mdx: language: expected "pt-BR" for the pt-br/ folder, found "it"',
    ]);
  });

  it('names a topic that support.yaml does not have', () => {
    expect(crossCheck([article('it/posta', 'it', 'email-setup', ['mail'])], topics)[0]).toBe(
      'content/it/posta.mdx: topics: expected a topic key from support.yaml (email, account), found "mail"',
    );
  });

  it('refuses two Portuguese articles with one translation key', () => {
    const problems = crossCheck([article('pt-br/a', 'pt-BR', 'email-setup'), article('pt-br/b', 'pt-BR', 'email-setup')], topics);
    expect(problems).toEqual(['content/pt-br/b.mdx: translationKey: expected one pt-BR article per key, found "email-setup" also in content/pt-br/a.mdx']);
  });

  it('refuses an article named like the search page', () => {
    expect(crossCheck([article('pt-br/busca', 'pt-BR', 'search')], topics)[0]).toMatch(/"busca" is the address of a site page/);
  });
});

// ---- editorial checks ------------------------------------------------------------------------

const realYaml = readFileSync('content/support.yaml', 'utf8');
const config = parseSupportConfig(realYaml, 'content/support.yaml');
const topicKeys = new Set(config.departments.flatMap((d) => d.topics.map((t) => t.key)));

/** An article whose body starts on line 10 of its file, as after a nine-line front matter. */
const source = (id: string, body: string, translationKey = id.split('/')[1] ?? id): ArticleSource => ({
  id,
  filePath: `content/${id}.mdx`,
  data: { language: id.startsWith('it/') ? 'it' : 'pt-BR', translationKey, topics: ['email'] },
  body,
  bodyLine: 10,
});
const promisesIn = (id: string, body: string, yaml = config) => findPromises(source(id, body), promisePatterns(yaml));

describe('prose that restates a promise support.yaml holds', () => {
  it('names the file, the line, the phrase and the component to use instead', () => {
    expect(promisesIn('pt-br/custo', 'Primeira linha.\n\nO suporte avançado custa R$ 15,00 por solicitação.')).toEqual([
      'content/pt-br/custo.mdx:12: "R$ 15,00" restates the price of paid support (support.yaml markets.br.paidSupport.price); use <Price /> or <PaidSupport /> instead',
    ]);
  });

  it('follows a changed price: the new one is caught, the old one is just a number', () => {
    const changed = parseSupportConfig(realYaml.replace(/price: 15\b/, 'price: 19.9'), 'changed support.yaml');
    expect(promisesIn('pt-br/custo', 'Custa R$ 19,90 em média.', changed)[0]).toContain('"R$ 19,90" restates the price');
    expect(promisesIn('pt-br/custo', 'Custa 19,90 reais.', changed)[0]).toContain('"19,90 reais" restates the price');
    expect(promisesIn('pt-br/custo', 'Custa R$ 15,00 em média.', changed)).toEqual([]);
  });

  it('catches the minutes, the hours and the reply times of the Brazilian policy', () => {
    const found = promisesIn(
      'pt-br/atendimento',
      ['Trabalhos de até 25 minutos são cobrados.', 'Atendemos das 09:00 às 18:00, de segunda a sexta.', '| Alta | fora do ar | até 2 horas úteis |'].join('\n'),
    );
    expect(found.map((f) => f.split(': ').slice(1).join(': ').split(' restates')[0])).toEqual(['"25 minutos"', '"das 09:00 às 18:00"', '"2 horas úteis"']);
    expect(found[1]).toContain('use <Hours /> instead');
    expect(found[2]).toContain('use <ReplyCommitment /> instead');
  });

  it('catches clock times in Italian, since the Italian policy publishes none', () => {
    expect(promisesIn('it/assistenza', "Lo staff lavora dal lunedì al venerdì, dalle 9:00 alle 18:00 (ora italiana).")).toEqual([
      'content/it/assistenza.mdx:10: "dalle 9:00 alle 18:00" restates support hours with clock times, which this market does not publish (support.yaml markets.it.hours); use <Hours /> instead',
    ]);
  });

  it('catches Italian reply, closing and credit days only where the sentence is about them', () => {
    expect(promisesIn('it/a', 'La prima risposta arriva entro 7 giorni.')[0]).toContain('"7 giorni" restates the first-reply commitment');
    expect(promisesIn('it/a', 'Senza tua risposta per sette giorni il ticket viene chiuso.')[0]).toContain(
      '"sette giorni" restates the first-reply commitment; when tickets close automatically',
    );
    expect(promisesIn('it/a', 'I crediti WPCRED valgono 365 giorni.')[0]).toContain('use <PaidSupport /> or <SupportPlans /> instead');
    expect(promisesIn('it/a', 'Usa i crediti nell\'arco di un anno.')[0]).toContain('"un anno" restates how long credits last');
    // Backup retention is a technical fact, not the reply commitment.
    expect(promisesIn('it/a', 'Le copie restano disponibili per **7 giorni**: poi la più vecchia viene sostituita.')).toEqual([]);
  });

  it('catches the attachment caps in either language', () => {
    const found = promisesIn('it/ticket', 'Puoi allegare fino a 5 file, di massimo 10 MB ciascuno e 20 MB in totale.');
    expect(found.map((f) => /"([^"]+)"/.exec(f)?.[1])).toEqual(['5 file', '10 MB', '20 MB']);
    expect(found[0]).toContain('use <AttachmentLimits /> instead');
  });

  it('leaves technical values, code, quoted errors and other prices alone', () => {
    const body = [
      'A propagação do DNS leva até 48 horas.',
      'Aumente `upload_max_filesize 64M` e o `memory_limit` para 128 MB.',
      'O erro "Anexo maior que 10 MB" aparece no programa.',
      'Um domínio custa R$ 15,50 por mês, e o certificado, 40 reais.',
      '',
      '```',
      'Atendimento: das 09:00 às 18:00, R$ 15,00',
      '```',
      '',
      '<Callout kind="tip">Use <Price /> em vez de escrever o valor.</Callout>',
    ].join('\n');
    expect(promisesIn('pt-br/tecnico', body)).toEqual([]);
  });

  it('looks for a market\'s values in its own language only', () => {
    expect(promisesIn('it/prezzi', 'In Brasile la tariffa media è di 25 minuti.')).toEqual([]);
  });
});

describe('links between articles', () => {
  const pt = (slug: string, body: string, key?: string) => source(`pt-br/${slug}`, body, key);
  const it_ = (slug: string, body: string, key?: string) => source(`it/${slug}`, body, key);

  it('names a link to an address no article or site page has, with its line', () => {
    const { brokenLinks } = editorialCheck(
      [pt('a', 'Texto.\nVeja [o artigo](/pt-br/nao-existe/).'), pt('b', '[A](/pt-br/a/)'), it_('c', '[x](/it/d/)'), it_('d', '[x](/it/c/)')],
      config,
    );
    expect(brokenLinks).toEqual(['content/pt-br/a.mdx:11: link to /pt-br/nao-existe/: no pt-BR article or site page has this address']);
  });

  it('says where an article of that name is when the language is wrong', () => {
    const { brokenLinks } = editorialCheck([pt('a', '[B](/it/b/)'), pt('b', '[A](/pt-br/a/)')], config);
    expect(brokenLinks).toEqual(['content/pt-br/a.mdx:10: link to /it/b/: no it article or site page has this address (there is a pt-BR article at /pt-br/b/)']);
  });

  it('accepts site pages, the home page, anchors, external and relative links, and ignores links in code', () => {
    const body = [
      '[abrir](/pt-br/abrir-ticket/) [busca](/pt-br/busca/) [início](/pt-br/) [status](/pt-br/ticket/)',
      '[seção](#passo-2) [fora](https://example.com/x/) [b](../b/) [b sem barra](/pt-br/b)',
      '<a href="/it/apri-ticket/">it</a>',
      '`[nada](/pt-br/nada/)`',
      '```',
      '[nada](/pt-br/nada/)',
      '```',
    ].join('\n');
    expect(editorialCheck([pt('a', body), pt('b', '[A](/pt-br/a/)')], config).brokenLinks).toEqual([]);
  });

  it('calls an article no other article of its language links to an orphan', () => {
    const report = editorialCheck(
      [pt('a', '[B](/pt-br/b/) [eu](/pt-br/a/)'), pt('b', 'Sem links.', 'b'), it_('c', '[A](/pt-br/a/) [D](/it/d/)'), it_('d', '[C](/it/c/)')],
      config,
    );
    // a links only to itself; the Italian link to it does not count.
    expect(report.orphans).toEqual([
      'content/pt-br/a.mdx: orphan: no other pt-BR article links to /pt-br/a/; link it from an article on the same subject (related-article lists do not count)',
    ]);
  });

  it('lists articles whose translation is not written yet', () => {
    const report = editorialCheck([pt('a', '[B](/pt-br/b/)', 'k1'), pt('b', '[A](/pt-br/a/)', 'k2'), it_('c', '[D](/it/d/)', 'k1'), it_('d', '[C](/it/c/)', 'k1')], config);
    expect(report.missingPairs).toEqual(['content/pt-br/b.mdx: translationKey "k2": no it article yet (a missing translation)']);
  });
});

describe('components in articles', () => {
  it('names an unknown component and an unknown or missing topic, with the line', () => {
    const body = ['<Horas />', '', 'Alterar o DNS: <Included topic="dsn" />.', '', 'Incluído: <Included />, <Included topic={"dns"} />.', '', '```', '<IfModule mod_rewrite.c>', '```', '`<Foo />`'].join('\n');
    expect(componentCheck([source('pt-br/a', body)], topicKeys)).toEqual([
      `content/pt-br/a.mdx:10: <Horas>: expected one of the components editors may use (${editorComponents.join(', ')}), found "Horas"`,
      `content/pt-br/a.mdx:12: <Included topic="dsn" />: expected a topic key from support.yaml (${[...topicKeys].join(', ')}), found "dsn"`,
      'content/pt-br/a.mdx:14: <Included>: expected a topic="..." attribute with a topic key from support.yaml, found none',
    ]);
  });

  it('knows every component the article page gives editors', () => {
    const files = readdirSync('site/src/components/mdx').filter((f) => f.endsWith('.astro')).map((f) => f.replace('.astro', ''));
    expect([...editorComponents].sort()).toEqual(files.sort());
    const page = readFileSync('site/src/pages/[lang]/[slug].astro', 'utf8');
    const map = /const mdxComponents = \{([^}]*)\}/.exec(page)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    expect(map?.sort()).toEqual([...editorComponents].sort());
  });
});

describe('the CONTENT_CHECKS flag', () => {
  it('warns by default until the lead switches it, and takes warn or fail', () => {
    expect(contentCheckMode(undefined)).toBe(defaultContentCheckMode);
    expect(contentCheckMode('fail')).toBe('fail');
    expect(contentCheckMode(' WARN ')).toBe('warn');
  });

  it('refuses anything else, saying what it expected', () => {
    expect(() => contentCheckMode('strict')).toThrow('CONTENT_CHECKS: expected one of "warn", "fail", found "strict"');
  });
});

describe('the body\'s first line in its file', () => {
  const file = '---\ntitle: x\n---\n\nFirst paragraph.\n\nSecond.\n';
  it('is found for the trimmed body MDX entries keep and for the raw rest of the file', () => {
    expect(bodyStartLine(file, 'First paragraph.\n\nSecond.')).toBe(5);
    expect(bodyStartLine(file, '\nFirst paragraph.\n\nSecond.\n')).toBe(4);
  });
});
