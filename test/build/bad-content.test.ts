/**
 * A content mistake must stop the build with a message an editor can act on: the file, the field,
 * what was expected and what was found. Builds a throw-away copy of the content (CONTENT_DIR), so
 * content/ and site/dist/ are never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const fixture = path.resolve('test/fixtures/kb-mini');
const work = mkdtempSync(path.join(tmpdir(), 'kb-bad-content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildWith(change: (dir: string) => void, env: Record<string, string> = {}): { status: number | null; output: string; dist: string } {
  const dir = mkdtempSync(path.join(work, 'case-'));
  const content = path.join(dir, 'content');
  cpSync(fixture, content, { recursive: true });
  change(content);
  const result = spawnSync('npx', ['astro', 'build', '--root', 'site'], {
    env: { ...process.env, ...env, CONTENT_DIR: content, SITE_OUT_DIR: path.join(dir, 'dist'), SITE_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, ''), dist: path.join(dir, 'dist') };
}

function edit(file: string, from: string | RegExp, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

/** The text of the elements a policy component rendered (`data-policy="…"`), tags and entities undone. */
function policyText(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<(\\w+)[^>]*data-policy="${name}"[^>]*>([\\s\\S]*?)</\\1>`, 'g'))].map((m) =>
    (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim(),
  );
}

describe('a bad content folder fails the build', { timeout: 120_000 }, () => {
  let fixtureBuild: ReturnType<typeof buildWith> | undefined;
  // The strictest checks: the fixture is what a clean content folder looks like.
  const builtFixture = () => (fixtureBuild ??= buildWith(() => {}, { CONTENT_CHECKS: 'fail' }));

  it('builds the fixture as it is, without a content warning', () => {
    const { status, output } = builtFixture();
    expect(output).toContain('Complete!');
    expect(output).not.toContain('Content warnings');
    expect(status).toBe(0);
  });

  it('renders the policy components in each article\'s market, from support.yaml', () => {
    const portuguese = readFileSync(path.join(builtFixture().dist, 'pt-br/como-funciona-o-suporte/index.html'), 'utf8');
    expect(policyText(portuguese, 'price')).toEqual(['R$ 15,00']);
    expect(policyText(portuguese, 'hours')[0]).toContain('das 09:00 às 18:00 (horário de Brasília)');
    expect(policyText(portuguese, 'included')).toEqual(['gratuito se a causa for nossa; pago se for uma configuração sua']);
    expect(policyText(portuguese, 'channels')[0]).toMatch(/^Ticket : pela área do cliente.*Telefone e chat : apenas para estes pedidos básicos: Como funciona o serviço contratado/);
    // Brazil states no closing rule, maintenance or support plans: those components render nothing.
    for (const absent of ['ticket-closing', 'maintenance-plans', 'support-plans']) expect(portuguese).not.toContain(`data-policy="${absent}"`);

    const italian = readFileSync(path.join(builtFixture().dist, 'it/come-funziona-l-assistenza/index.html'), 'utf8');
    expect(policyText(italian, 'price')).toEqual(['WPCRED']);
    expect(policyText(italian, 'hours')).toEqual(["L'assistenza è attiva dal lunedì al venerdì, in orario d'ufficio, esclusi i giorni festivi."]);
    expect(policyText(italian, 'ticket-closing')).toEqual(['Un ticket che resta 7 giorni senza una tua risposta viene chiuso automaticamente.']);
    expect(policyText(italian, 'attachment-limits')[0]).toMatch(/^fino a 5 file, di massimo 10 MB ciascuno e 20 MB in totale/);
    expect(italian).not.toContain('data-policy="plan-changes"');
  });

  it('names the file, the field, the expected values and the value found in bad front matter', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'pt-br/redefinir-senha.mdx'), 'kind: howto', 'kind: guide'));
    expect(status).not.toBe(0);
    expect(output).toContain('pt-br/redefinir-senha.mdx');
    expect(output).toMatch(/kind.*expected one of "policy", "howto", found "guide"/);
  });

  it('names an Italian article left in the Portuguese folder', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'pt-br/redefinir-senha.mdx'), 'language: pt-BR', 'language: it'));
    expect(status).not.toBe(0);
    expect(output).toContain('pt-br/redefinir-senha.mdx: language: expected "pt-BR" for the pt-br/ folder, found "it"');
  });

  it('names the field of a broken support.yaml', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'support.yaml'), 'timeZone: Europe/Rome', 'timeZone: Roma'));
    expect(status).not.toBe(0);
    expect(output).toContain('markets.it.timeZone: expected an IANA time zone like "America/Sao_Paulo", found "Roma"');
  });
});

/** Appends a paragraph to a fixture article; returns the file's line the paragraph is on. */
function append(file: string, paragraph: string): number {
  const before = readFileSync(file, 'utf8').replace(/\n*$/, '\n\n');
  writeFileSync(file, `${before}${paragraph}\n`);
  return before.split('\n').length;
}

// One fixture with three mistakes: a retyped price, a link to nowhere, an article nobody links to.
const lines = { price: 0, link: 0 };
function broken(content: string): void {
  const article = path.join(content, 'pt-br/redefinir-senha.mdx');
  lines.price = append(article, 'O suporte avançado custa em média R$ 15,00 por solicitação.');
  lines.link = append(article, 'Veja também [o guia de DNS](/pt-br/apontar-dominio/).');
  // Nothing links to the Italian policy article any more.
  edit(path.join(content, 'it/reimpostare-password.mdx'), /\nCome funziona l'assistenza è spiegato.*\n/, '\n');
}

describe('the editorial checks', { timeout: 120_000 }, () => {
  let failing: ReturnType<typeof buildWith> | undefined;
  const failed = () => (failing ??= buildWith(broken, { CONTENT_CHECKS: 'fail' }));

  it('with CONTENT_CHECKS=fail, a price retyped in prose stops the build, naming the line, the phrase and the component', () => {
    const { status, output } = failed();
    expect(status).not.toBe(0);
    expect(output).toContain('Content problems (CONTENT_CHECKS=fail):');
    expect(output).toContain(
      `pt-br/redefinir-senha.mdx:${lines.price}: "R$ 15,00" restates the price of paid support (support.yaml markets.br.paidSupport.price); use <Price /> or <PaidSupport /> instead`,
    );
  });

  it('with CONTENT_CHECKS=fail, a link to an address no article has stops the build', () => {
    expect(failed().output).toContain(`pt-br/redefinir-senha.mdx:${lines.link}: link to /pt-br/apontar-dominio/: no pt-BR article or site page has this address`);
  });

  it('with CONTENT_CHECKS=fail, an article no other article of its language links to stops the build', () => {
    expect(failed().output).toContain(
      'it/come-funziona-l-assistenza.mdx: orphan: no other it article links to /it/come-funziona-l-assistenza/; link it from an article on the same subject (related-article lists do not count)',
    );
  });

  it('with CONTENT_CHECKS=warn, the same mistakes are warnings and the site is built', () => {
    const { status, output } = buildWith(broken, { CONTENT_CHECKS: 'warn' });
    expect(status).toBe(0);
    expect(output).toContain('Content warnings (CONTENT_CHECKS=warn: broken links, orphans and prose promises fail the build with CONTENT_CHECKS=fail');
    expect(output).toContain(`pt-br/redefinir-senha.mdx:${lines.price}: "R$ 15,00" restates the price of paid support`);
    expect(output).toContain('it/come-funziona-l-assistenza.mdx: orphan:');
    expect(output).toContain('Complete!');
  });

  it('a missing translation only warns, even with CONTENT_CHECKS=fail', () => {
    const { status, output } = buildWith(
      (content) => {
        writeFileSync(
          path.join(content, 'pt-br/nota-fiscal.mdx'),
          ['---', 'title: "Onde encontrar a nota fiscal"', 'description: "Onde a nota fiscal de cada fatura fica na área do cliente, e como pedir uma correção."', 'language: pt-BR', 'translationKey: fiscal-invoice', 'kind: howto', 'department: billing', 'topics: [invoices]', 'updated: 2026-11-22', '---', '', 'Veja [a senha](/pt-br/redefinir-senha/).', ''].join('\n'),
        );
        append(path.join(content, 'pt-br/redefinir-senha.mdx'), 'A nota fiscal está em [Onde encontrar a nota fiscal](/pt-br/nota-fiscal/).');
      },
      { CONTENT_CHECKS: 'fail' },
    );
    expect(output).toContain('pt-br/nota-fiscal.mdx: translationKey "fiscal-invoice": no it article yet (a missing translation)');
    expect(status).toBe(0);
  });

  it('an unknown topic or component stops the build whatever CONTENT_CHECKS says', () => {
    let line = 0;
    const { status, output } = buildWith(
      (content) => {
        line = append(path.join(content, 'pt-br/como-funciona-o-suporte.mdx'), 'Alterar o DNS: <Included topic="dsn" />.');
        append(path.join(content, 'pt-br/como-funciona-o-suporte.mdx'), '<Horario />');
      },
      { CONTENT_CHECKS: 'warn' },
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(new RegExp(`pt-br/como-funciona-o-suporte\\.mdx:${line}: <Included topic="dsn" />: expected a topic key from support\\.yaml \\(email, .*\\), found "dsn"`));
    expect(output).toMatch(/pt-br\/como-funciona-o-suporte\.mdx:\d+: <Horario>: expected one of the components editors may use \(Callout, TicketLink, .*\), found "Horario"/);
  });

  it('a mistyped CONTENT_CHECKS stops the build instead of silently warning', () => {
    const { status, output } = buildWith(() => {}, { CONTENT_CHECKS: 'strict' });
    expect(status).not.toBe(0);
    expect(output).toContain('CONTENT_CHECKS: expected one of "warn", "fail", found "strict"');
  });
});

describe('npm run content:report', () => {
  it('lists what the build checks find and every article by its last review, oldest first', () => {
    const content = path.join(mkdtempSync(path.join(work, 'report-')), 'content');
    cpSync(fixture, content, { recursive: true });
    broken(content);
    const result = spawnSync(process.execPath, ['scripts/content-report.ts'], { env: { ...process.env, CONTENT_DIR: content, CONTENT_CHECKS: '' }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = result.stdout;
    expect(report).toContain('4 articles (2 pt-BR, 2 it)');
    expect(report).toContain('CONTENT_CHECKS=fail: broken links, orphans and prose promises stop the build');
    for (const count of ['Mistakes that stop the build: 0', 'Broken links: 1', 'Orphans: 1', 'Missing translations: 0', 'Prose promises: 1']) expect(report).toContain(count);
    expect(report).toContain(`pt-br/redefinir-senha.mdx:${lines.price}: "R$ 15,00" restates the price of paid support`);
    expect(report).toContain(`pt-br/redefinir-senha.mdx:${lines.link}: link to /pt-br/apontar-dominio/`);
    const reviewed = report.split('Last review (updated), oldest first:\n')[1]?.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ').replace(/\S*content\//, ''));
    expect(reviewed).toEqual(['2026-11-20 pt-br/redefinir-senha.mdx', '2026-11-20 it/reimpostare-password.mdx', '2026-11-21 it/come-funziona-l-assistenza.mdx', '2026-11-21 pt-br/como-funciona-o-suporte.mdx']);
  });
});
